{{%AUTOESCAPE context="HTML"}}
<h1>Send us Stuff</h1>
{{#SENT}}<p class="notice" role="status">Thank you: we received {{COUNT}} {{FILES}}.</p>{{/SENT}}
{{#HAS_ERROR}}<p class="error" role="alert">{{ERROR}}</p>{{/HAS_ERROR}}
{{#TASK}}<p><a href="/tasks/{{TASK_ID}}">Back to the step these files answer</a></p>{{/TASK}}
<form class="upload" method="post" action="/upload{{#TASK}}?task={{TASK_ID}}{{/TASK}}" enctype="multipart/form-data">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <p>
    <label for="files">Files</label>
    <input id="files" type="file" name="files" multiple required>
    <small>Up to {{MAX_FILES}} files of at most {{MAX_MB}} MB each: PDF, pictures, Word, Excel, OpenDocument, text or CSV.</small>
  </p>
  <p>
    <label for="note">Note (optional)</label>
    <textarea id="note" name="note" rows="4" maxlength="2000">{{NOTE}}</textarea>
  </p>
  <button type="submit">Send</button>
</form>
