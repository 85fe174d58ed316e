{{%AUTOESCAPE context="HTML"}}
<p>Hello {{CONTACT_NAME}},</p>
<p>{{ORG_NAME}} has given you a new task: <strong>{{TASK_TITLE}}</strong></p>
<p><a href="{{TASK_LINK}}">Open the task</a></p>
