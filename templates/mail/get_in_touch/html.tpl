{{%AUTOESCAPE context="HTML"}}
<p>From: {{SENDER_NAME}} &lt;{{SENDER_EMAIL}}&gt;</p>
{{#IDENTIFIER}}<p>{{KEY}}: {{VALUE}}</p>
{{/IDENTIFIER}}<p>Subject: {{SUBJECT}}</p>
<pre>{{MESSAGE}}</pre>
