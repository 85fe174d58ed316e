{{%AUTOESCAPE context="HTML"}}
<p>Hello {{CONTACT_NAME}},</p>
<p>{{ORG_NAME}} has asked you to complete: <strong>{{TASK_TITLE}}</strong></p>
<h2>Action</h2>
<p><a href="{{COMPLETE_LINK}}">Complete</a></p>
<p>The link works until the task is done (at the latest {{EXPIRES}}).</p>
