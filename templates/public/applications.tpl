{{%AUTOESCAPE context="HTML"}}
<h1>Your applications</h1>
{{#NONE}}<p class="empty">You have no applications.</p>{{/NONE}}
<ul class="applications">
{{#APP}}<li class="application application-{{APP_STATE_CLASS}}" id="application-{{APP_ID}}">
  <a href="/applications/{{APP_ID}}">{{PROCESS_NAME}}</a>
  <span class="hint">{{PORTAL_TITLE}} · started {{CREATED_AT}} · {{APP_STATE}} · {{STEPS_DONE}} of {{STEPS}} steps done</span>
</li>
{{/APP}}
</ul>
