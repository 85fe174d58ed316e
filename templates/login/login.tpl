{{%AUTOESCAPE context="HTML"}}
<h1>Sign in</h1>
{{#ERROR}}<p class="error" role="alert" id="form-error">{{MESSAGE}}</p>{{/ERROR}}
<form method="post" action="/login" class="card"{{#ERROR}} aria-describedby="form-error"{{/ERROR}}>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="username">Username</label>
  <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="254" required value="{{USERNAME}}"{{#ERROR}} aria-invalid="true" aria-describedby="form-error"{{/ERROR}}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" maxlength="128" required{{#ERROR}} aria-invalid="true" aria-describedby="form-error"{{/ERROR}}>
  <button type="submit">Sign in</button>
</form>
<p><a href="/password/forgot">Forgotten your password?</a></p>
