{{%AUTOESCAPE context="HTML"}}
<p>Hello {{CONTACT_NAME}},</p>
<p>{{ORG_NAME}} has sent you a {{DOCUMENT_KIND}}: <strong>{{DOCUMENT_TITLE}}</strong></p>
<p><a href="{{VIEW_LINK}}">View the document</a></p>
