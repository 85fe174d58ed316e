Hello {{CONTACT_NAME}},

{{ORG_NAME}} has created a portal account for you.
Your username: {{USERNAME}}
{{#SET_LINK_MODE}}
Choose your password here (the link works once, until {{EXPIRES}}):
{{SET_PASSWORD_LINK}}
{{/SET_LINK_MODE}}{{#PASSWORD_MODE}}
Your temporary password: {{PASSWORD}}
You will be asked to change it when you first sign in at {{LOGIN_LINK}}
{{/PASSWORD_MODE}}
