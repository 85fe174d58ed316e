{{%AUTOESCAPE context="HTML"}}
<h1>{{HEADING}}</h1>
{{#WELCOME}}<p class="lead">Welcome, {{NAME}}.</p>{{/WELCOME}}
{{#LISTS}}<nav class="lists" aria-label="Task lists"><ul>
{{#LIST}}<li><a href="/tasks?list={{LIST_ID}}"{{#LIST_ACTIVE}} aria-current="page"{{/LIST_ACTIVE}}>{{LIST_LABEL}}</a></li>
{{/LIST}}</ul></nav>{{/LISTS}}
{{#SECTION}}<section class="task-section">
{{#HAS_HEADING}}<h2>{{SECTION_HEADING}}</h2>{{/HAS_HEADING}}
{{#EMPTY}}<p class="empty">{{EMPTY_TEXT}}</p>{{/EMPTY}}
{{#HAS_ROWS}}<ul class="task-list">
{{#ROW}}<li class="task-row state-{{STATE_CLASS}}" id="task-{{ID}}">
  <h3><a href="/tasks/{{ID}}">{{TASK_TITLE}}</a></h3>
  <dl class="facts">
    <dt>Type</dt><dd>{{TYPE}}</dd>
    <dt>State</dt><dd class="state">{{STATE}}</dd>
    <dt>Assigned to</dt><dd>{{ASSIGNED}}</dd>
    {{#DUE}}<dt>Due</dt><dd>{{DUE_AT}}</dd>{{/DUE}}
    {{#TAKEN}}<dt>In charge</dt><dd class="taken-by">{{TAKEN_BY}}</dd>{{/TAKEN}}
    {{#DONE}}<dt>Completed</dt><dd>{{COMPLETED_AT}} by {{COMPLETED_BY}}</dd>{{/DONE}}
  </dl>
  {{#TAKE}}<form method="post" action="/tasks/{{ID}}/take" class="take">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit">Take in charge</button>
  </form>{{/TAKE}}
  {{#INLINE}}<details class="inline-answer"><summary>{{SUMMARY}}</summary>
  {{>TASK_FORM}}
  </details>{{/INLINE}}
</li>
{{/ROW}}</ul>{{/HAS_ROWS}}
</section>
{{/SECTION}}
