{{%AUTOESCAPE context="HTML"}}
<h1>{{HEADING}}</h1>
<p class="lead">Account: <strong>{{USERNAME}}</strong></p>
<form method="post" action="{{ACTION}}" class="card" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="new_password">New password</label>
  <p class="hint" id="new_password-hint">At least 12 characters. A few unrelated words make a strong password that is easy to remember.</p>
  <input id="new_password" name="new_password" type="password" autocomplete="new-password" maxlength="128" required aria-describedby="new_password-hint{{#NEW_ERROR}} new_password-error{{/NEW_ERROR}}"{{#NEW_ERROR}} aria-invalid="true"{{/NEW_ERROR}}>
  {{#NEW_ERROR}}<p class="field-error" id="new_password-error">{{MESSAGE}}</p>{{/NEW_ERROR}}
  <button type="submit">Set password</button>
</form>
