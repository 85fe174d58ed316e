{{%AUTOESCAPE context="HTML"}}
<h1>{{PORTAL_TITLE}}</h1>
{{#INTRO}}<p class="lead">{{INTRODUCTION}}</p>{{/INTRO}}
{{#ERROR}}<p class="error" role="alert" id="form-error">{{MESSAGE}}</p>{{/ERROR}}
{{#REGISTER}}
<form method="post" action="/p/{{SLUG}}/register" class="card" id="register">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{#ONE_PROCESS}}
  <input type="hidden" name="process_id" value="{{PROCESS_ID}}">
  <h2 class="process">{{PROCESS_NAME}}</h2>
  {{#DESC}}<p class="hint">{{DESCRIPTION}}</p>{{/DESC}}
  {{#PROCESS_ERROR}}<p class="field-error">{{MESSAGE}}</p>{{/PROCESS_ERROR}}
  {{/ONE_PROCESS}}
  {{#CHOOSE}}
  <fieldset>
    <legend>What would you like to start?</legend>
    {{#PROCESS}}<div class="choice">
      <input type="radio" id="process-{{PROCESS_ID}}" name="process_id" value="{{PROCESS_ID}}" required{{#CHECKED}} checked{{/CHECKED}}>
      <label for="process-{{PROCESS_ID}}">{{PROCESS_NAME}}{{#DESC}} <span class="hint">{{DESCRIPTION}}</span>{{/DESC}}</label>
    </div>
    {{/PROCESS}}
    {{#PROCESS_ERROR}}<p class="field-error">{{MESSAGE}}</p>{{/PROCESS_ERROR}}
  </fieldset>
  {{/CHOOSE}}
  <label for="name">Your name</label>
  <input id="name" name="name" type="text" autocomplete="name" maxlength="200" required value="{{NAME}}">
  {{#NAME_ERROR}}<p class="field-error">{{MESSAGE}}</p>{{/NAME_ERROR}}
  <label for="email">E-mail</label>
  <input id="email" name="email" type="email" autocomplete="email" autocapitalize="none" spellcheck="false" maxlength="254" required value="{{EMAIL}}">
  {{#EMAIL_ERROR}}<p class="field-error">{{MESSAGE}}</p>{{/EMAIL_ERROR}}
  <label for="password">Password</label>
  <p class="hint" id="password-hint">At least 12 characters. If you have registered here before, use the same password.</p>
  <input id="password" name="password" type="password" autocomplete="new-password" maxlength="128" required aria-describedby="password-hint">
  {{#PASSWORD_ERROR}}<p class="field-error">{{MESSAGE}}</p>{{/PASSWORD_ERROR}}
  <div class="hp" aria-hidden="true">
    <label for="website">Leave this field empty</label>
    <input id="website" name="website" type="text" tabindex="-1" autocomplete="off">
  </div>
  <button type="submit">Start</button>
</form>
<p>Already registered for this? <a href="/p/{{SLUG}}/login">Sign in</a> to continue.</p>
{{/REGISTER}}
{{#LOGIN_ONLY}}
<p class="hint">Registration is closed on this portal. If you have registered before, sign in.</p>
{{>LOGIN_FORM}}
{{/LOGIN_ONLY}}
