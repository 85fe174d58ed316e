Hello {{CONTACT_NAME}},

Someone asked to reset the password of the portal account {{USERNAME}}.
If it was you, choose a new password here (the link works once, until {{EXPIRES}}):
{{SET_PASSWORD_LINK}}

If it was not you, ignore this e-mail: your password stays as it is.
