{{%AUTOESCAPE context="HTML"}}
<h1>Forgotten password</h1>
{{#SENT}}<p class="success" role="status">If an account with that username exists, we have sent a link to choose a new password to the e-mail address we have for it. The link works for one hour.</p>{{/SENT}}
{{#ERROR}}<p class="error" role="alert" id="form-error">{{MESSAGE}}</p>{{/ERROR}}
<form method="post" action="/password/forgot" class="card">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="username">Username</label>
  <p class="hint" id="username-hint">Usually your e-mail address.</p>
  <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="254" required aria-describedby="username-hint">
  <button type="submit">Send me a link</button>
</form>
<p><a href="/login">Back to sign in</a></p>
