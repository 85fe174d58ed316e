{{%AUTOESCAPE context="HTML"}}
{{#HAS_ERRORS}}<p class="error" role="alert">Some answers need your attention. They are marked below.</p>{{/HAS_ERRORS}}
<form method="post" action="{{ACTION}}" class="card task-form"{{#MULTIPART}} enctype="multipart/form-data"{{/MULTIPART}} novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">

  {{#DOCUMENT}}<section class="document" aria-labelledby="{{DOC_ID}}">
    <h2 id="{{DOC_ID}}">{{DOC_TITLE}}</h2>
    {{#PARA}}<p>{{TEXT}}</p>
    {{/PARA}}
  </section>{{/DOCUMENT}}
  {{#FIELD}}<div class="field{{#HAS_ERROR}} invalid{{/HAS_ERROR}}">
  {{#INPUT}}<label for="{{ID}}">{{LABEL}}{{#REQUIRED}} <span class="required">(required)</span>{{/REQUIRED}}</label>
    {{#HINT}}<p class="hint" id="{{ID}}-hint">{{HINT_TEXT}}</p>{{/HINT}}
    <input id="{{ID}}" name="{{NAME}}" type="{{TYPE}}" value="{{VALUE}}"{{#HAS_MAXLENGTH}} maxlength="{{MAXLENGTH}}"{{/HAS_MAXLENGTH}}{{#NUMBER}} step="any"{{/NUMBER}}{{#MINUTES}} min="0" max="100000" step="1"{{/MINUTES}}{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/DESCRIBED}}>
    {{#ERROR}}<p class="field-error" id="{{ID}}-error">{{ERROR_TEXT}}</p>{{/ERROR}}
  {{/INPUT}}{{#TEXTAREA}}<label for="{{ID}}">{{LABEL}}{{#REQUIRED}} <span class="required">(required)</span>{{/REQUIRED}}</label>
    {{#HINT}}<p class="hint" id="{{ID}}-hint">{{HINT_TEXT}}</p>{{/HINT}}
    <textarea id="{{ID}}" name="{{NAME}}" rows="5" maxlength="{{MAXLENGTH}}"{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/DESCRIBED}}>{{VALUE}}</textarea>
    {{#ERROR}}<p class="field-error" id="{{ID}}-error">{{ERROR_TEXT}}</p>{{/ERROR}}
  {{/TEXTAREA}}{{#SELECT}}<label for="{{ID}}">{{LABEL}}{{#REQUIRED}} <span class="required">(required)</span>{{/REQUIRED}}</label>
    {{#HINT}}<p class="hint" id="{{ID}}-hint">{{HINT_TEXT}}</p>{{/HINT}}
    <select id="{{ID}}" name="{{NAME}}"{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/DESCRIBED}}>
    {{#OPTION}}<option value="{{OPTION_VALUE}}"{{#CHOSEN}} selected{{/CHOSEN}}>{{OPTION_LABEL}}</option>
    {{/OPTION}}</select>
    {{#ERROR}}<p class="field-error" id="{{ID}}-error">{{ERROR_TEXT}}</p>{{/ERROR}}
  {{/SELECT}}{{#CHECKBOX}}<div class="choice"><input id="{{ID}}" name="{{NAME}}" type="checkbox" value="yes"{{#CHECKED}} checked{{/CHECKED}}{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/DESCRIBED}}>
    <label for="{{ID}}">{{LABEL}}{{#REQUIRED}} <span class="required">(required)</span>{{/REQUIRED}}</label></div>
    {{#HINT}}<p class="hint" id="{{ID}}-hint">{{HINT_TEXT}}</p>{{/HINT}}
    {{#ERROR}}<p class="field-error" id="{{ID}}-error">{{ERROR_TEXT}}</p>{{/ERROR}}
  {{/CHECKBOX}}{{#FILES}}<label for="{{ID}}">{{LABEL}}{{#REQUIRED}} <span class="required">(required)</span>{{/REQUIRED}}</label>
    {{#HINT}}<p class="hint" id="{{ID}}-hint">{{HINT_TEXT}}</p>{{/HINT}}
    <input id="{{ID}}" name="{{NAME}}" type="file" multiple{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/DESCRIBED}}>
    {{#ERROR}}<p class="field-error" id="{{ID}}-error">{{ERROR_TEXT}}</p>{{/ERROR}}
  {{/FILES}}{{#RADIOS}}<fieldset id="{{ID}}"{{#DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/DESCRIBED}}>
    <legend>{{LABEL}}{{#REQUIRED}} <span class="required">(required)</span>{{/REQUIRED}}</legend>
    {{#HINT}}<p class="hint" id="{{ID}}-hint">{{HINT_TEXT}}</p>{{/HINT}}
    {{#OPTION}}<div class="choice"><input id="{{OPTION_ID}}" name="{{NAME}}" type="radio" value="{{OPTION_VALUE}}"{{#CHOSEN}} checked{{/CHOSEN}}{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/DESCRIBED}}>
      <label for="{{OPTION_ID}}">{{OPTION_LABEL}}</label></div>
    {{/OPTION}}
    {{#ERROR}}<p class="field-error" id="{{ID}}-error">{{ERROR_TEXT}}</p>{{/ERROR}}
  </fieldset>{{/RADIOS}}
  </div>{{/FIELD}}
  <button type="submit">{{SUBMIT}}</button>
</form>
