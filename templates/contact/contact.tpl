{{%AUTOESCAPE context="HTML"}}
<h1>Get in touch</h1>
{{#SENT}}<p class="notice" role="status">Thank you: your message has been sent.</p>{{/SENT}}
{{#FORM_ERROR_SHOWN}}<p class="error" role="alert">{{FORM_ERROR}}</p>{{/FORM_ERROR_SHOWN}}
<form class="contact" method="post" action="/contact">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <p>
    <label for="subject">Subject</label>
    <input id="subject" name="subject" type="text" maxlength="{{MAX_SUBJECT}}" required value="{{SUBJECT}}">
    {{#SUBJECT_ERROR_SHOWN}}<span class="field-error">{{SUBJECT_ERROR}}</span>{{/SUBJECT_ERROR_SHOWN}}
  </p>
  <p>
    <label for="message">Message</label>
    <textarea id="message" name="message" rows="8" maxlength="{{MAX_MESSAGE}}" required>{{MESSAGE}}</textarea>
    {{#MESSAGE_ERROR_SHOWN}}<span class="field-error">{{MESSAGE_ERROR}}</span>{{/MESSAGE_ERROR_SHOWN}}
  </p>
  <p class="hp" aria-hidden="true">
    <label for="{{HONEYPOT}}">Leave this field empty</label>
    <input id="{{HONEYPOT}}" name="{{HONEYPOT}}" type="text" tabindex="-1" autocomplete="off" value="">
  </p>
  <button type="submit">Send</button>
</form>
