{{%AUTOESCAPE context="HTML"}}
<p>Hello {{CONTACT_NAME}},</p>
<p>{{ORG_NAME}} has created a portal account for you.<br>Your username: <strong>{{USERNAME}}</strong></p>
<p><a href="{{SET_PASSWORD_LINK}}">Choose your password</a> (the link works once, until {{EXPIRES}}).</p>
