{{%AUTOESCAPE context="HTML"}}
<h1>{{PORTAL_TITLE}}</h1>
<h2>Sign in</h2>
{{>LOGIN_FORM}}
{{#CAN_REGISTER}}<p>New here? <a href="/p/{{SLUG}}">Register to start</a>.</p>{{/CAN_REGISTER}}
