{{%AUTOESCAPE context="HTML"}}
<form method="post" action="/login" class="card" id="login">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="username">E-mail or username</label>
  <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="254" required>
  <label for="login-password">Password</label>
  <input id="login-password" name="password" type="password" autocomplete="current-password" maxlength="128" required>
  <button type="submit">Sign in</button>
</form>
<p><a href="/password/forgot">Forgotten your password?</a></p>
