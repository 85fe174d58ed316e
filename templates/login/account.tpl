{{%AUTOESCAPE context="HTML"}}
<h1>My Account</h1>
{{#MUST_CHANGE}}<p class="notice" role="status">Please choose a new password before you continue.</p>{{/MUST_CHANGE}}
{{#DONE}}<p class="success" role="status">Your password has been changed.</p>{{/DONE}}
<form method="post" action="/account" class="card" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <h2>Change password</h2>
  <label for="current_password">Current password</label>
  <input id="current_password" name="current_password" type="password" autocomplete="current-password" maxlength="128" required{{#CURRENT_ERROR}} aria-invalid="true" aria-describedby="current_password-error"{{/CURRENT_ERROR}}>
  {{#CURRENT_ERROR}}<p class="field-error" id="current_password-error">{{MESSAGE}}</p>{{/CURRENT_ERROR}}
  <label for="new_password">New password</label>
  <p class="hint" id="new_password-hint">At least 12 characters. A few unrelated words make a strong password that is easy to remember.</p>
  <input id="new_password" name="new_password" type="password" autocomplete="new-password" maxlength="128" required aria-describedby="new_password-hint{{#NEW_ERROR}} new_password-error{{/NEW_ERROR}}"{{#NEW_ERROR}} aria-invalid="true"{{/NEW_ERROR}}>
  {{#NEW_ERROR}}<p class="field-error" id="new_password-error">{{MESSAGE}}</p>{{/NEW_ERROR}}
  <button type="submit">Change password</button>
</form>
<dl class="facts">
  <dt>Signed in as</dt><dd>{{USERNAME}}</dd>
</dl>
