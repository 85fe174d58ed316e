{{%AUTOESCAPE context="HTML"}}
<p>Hello {{CONTACT_NAME}},</p>
<p>{{ORG_NAME}} has created a portal account for you.<br>Your username: <strong>{{USERNAME}}</strong></p>
{{#SET_LINK_MODE}}<p><a href="{{SET_PASSWORD_LINK}}">Choose your password</a> (the link works once, until {{EXPIRES}}).</p>{{/SET_LINK_MODE}}
{{#PASSWORD_MODE}}<p>Your temporary password: <code>{{PASSWORD}}</code><br>You will be asked to change it when you first <a href="{{LOGIN_LINK}}">sign in</a>.</p>{{/PASSWORD_MODE}}
