#!/usr/bin/python3
"""Fill the demo org through the real staff API, so the demo shows what a person sees: open tasks of each
type, an issued invoice, a one-time link for a target (in var/mail/) and a public portal whose process ends
with an upload request. Everything goes through the handlers, so the e-mails are queued as in production.
Run by scripts/run after `portico-admin demo-seed`; does nothing when the demo already has tasks.

Usage: demo_data.py BASE_URL CA_FILE API_KEY"""
import base64
import json
import ssl
import sys
import urllib.error
import urllib.request

BASE, CA, KEY = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
TLS = ssl.create_default_context(cafile=CA)


def call(method, path, body=None):
    req = urllib.request.Request(f"{BASE}/api/v1/{path}", method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, context=TLS, timeout=30) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        sys.exit(f"demo data: {method} {path}: {e.code} {e.read().decode(errors='replace')[:300]}")


def contact(email):
    return call("GET", f"contacts?email={email}")["data"][0]


if call("GET", "tasks")["data"]:
    print("demo data: already there")
    sys.exit(0)

dana, sam = contact("dana@demo.example"), contact("sam@demo.example")
call("POST", "tasks", {"type": "single_select", "title": "Confirm your delivery day", "contact_id": dana["id"],
                       "instructions": "Which day suits you for the monthly delivery?",
                       "spec": {"options": ["Monday", "Wednesday", "Friday"]}})
call("POST", "tasks", {"type": "form", "title": "Update your billing details", "contact_id": dana["id"],
                       "spec": {"fields": [
                           {"name": "company", "label": "Company name", "type": "text", "required": True},
                           {"name": "vat", "label": "VAT number", "type": "text"},
                           {"name": "invoice_email", "label": "E-mail for invoices", "type": "email", "required": True},
                           {"name": "start", "label": "From", "type": "date"}]}})
call("POST", "tasks", {"type": "signature", "title": "Sign the service agreement", "contact_id": dana["id"],
                       "spec": {"document_title": "Service agreement 2026",
                                "document_text": "Acme Ltd and Demo Organisation agree on monthly deliveries.\n"
                                                 "Either side may end this agreement with 30 days' notice."}})
call("POST", "tasks", {"type": "approval", "title": "Approve the quote for the new shelving", "contact_id": dana["id"]})
# A target answers through the one-time link e-mailed to them (open the newest file in var/mail/).
call("POST", "tasks", {"type": "single_select", "title": "Safety briefing attended?", "contact_id": sam["id"],
                       "spec": {"options": ["Yes", "Not yet"]}})

pdf = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
       b"trailer << /Root 1 0 R >>\n%%EOF\n")
call("POST", "documents", {"kind": "invoice", "title": "Invoice 2026-114", "client_id": dana["client_id"],
                           "recipients": [dana["id"]], "content_type": "application/pdf",
                           "content_base64": base64.b64encode(pdf).decode()})

process = call("POST", "processes", {"name": "Job application", "description": "Apply for a role with us.", "steps": [
    {"type": "form", "title": "About you", "spec": {"fields": [
        {"name": "phone", "label": "Phone", "type": "text", "required": True},
        {"name": "role", "label": "Role", "type": "select", "options": ["Driver", "Warehouse", "Office"],
         "required": True}]}},
    {"type": "upload_request", "title": "Your CV", "spec": {"what": "Your CV as a PDF or Word file."}}]})
call("POST", "portals", {"slug": "jobs", "title": "Work with us", "introduction": "Start your application here.",
                         "process_ids": [process["id"]], "tags": ["demo"]})
print(f"demo data: tasks for Dana, a one-time link for Sam (var/mail/), an invoice, and a public portal at {BASE}/p/jobs")
