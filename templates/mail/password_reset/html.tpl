{{%AUTOESCAPE context="HTML"}}
<p>Hello {{CONTACT_NAME}},</p>
<p>Someone asked to reset the password of the portal account <strong>{{USERNAME}}</strong>.</p>
<p>If it was you, <a href="{{SET_PASSWORD_LINK}}">choose a new password</a> (the link works once, until {{EXPIRES}}).</p>
<p>If it was not you, ignore this e-mail: your password stays as it is.</p>
