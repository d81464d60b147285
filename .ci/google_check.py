"""Drives the Google emulator with Google's own Python libraries: google-auth 2.62.2 (service-account credentials,
the JWT bearer grant, `with_subject`) and google-api-python-client 2.202.0 (Calendar v3 with its batch requests,
Admin SDK Directory v1).

Every value the libraries read back is compared with what was sent or with what the emulator stores, read
through its side door. Usage: python google_check.py BASE_URL KEY_FILE
(BASE_URL like http://127.0.0.1:8092; KEY_FILE the test service-account key matching the tenant).
"""
import datetime as dt
import json
import os
import sys
import tempfile
import urllib.parse
import urllib.request
from zoneinfo import ZoneInfo

for variable in ("GOOGLE_API_USE_CLIENT_CERTIFICATE", "GOOGLE_API_USE_MTLS_ENDPOINT", "GOOGLE_CLOUD_UNIVERSE_DOMAIN"):
    os.environ.pop(variable, None)

from google.auth.exceptions import RefreshError
from google.oauth2 import service_account
from googleapiclient import discovery_cache
from googleapiclient.discovery import build, build_from_document
from googleapiclient.errors import HttpError

CALENDAR = "https://www.googleapis.com/auth/calendar"
DIRECTORY = "https://www.googleapis.com/auth/admin.directory.user.readonly"
ADA, GRACE = "ada@fabrikam.example", "grace@fabrikam.example"
results = {"passed": 0, "failed": 0}


def check(name, condition, detail=""):
    if condition:
        results["passed"] += 1
        print(f"ok   {name}")
    else:
        results["failed"] += 1
        print(f"FAIL {name} {detail}")


def side(base, method, path, body=None):
    """The emulator's side door (no token)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{base}/_emulator/{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"} if data else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        text = response.read().decode()
        return json.loads(text) if text else None


def stored(base, event_id):
    return side(base, "GET", f"users/{ADA}/events/{urllib.parse.quote(event_id)}")


def instant(value):
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def reason(error):
    details = error.error_details
    return details[0].get("reason") if isinstance(details, list) and details else None


def calendar_service(base, credentials):
    """Calendar v3 from the library's own discovery document with rootUrl on the emulator, so that both the base URL
    and the batch URI (rootUrl + batchPath) point at it."""
    document = json.loads(discovery_cache.get_static_doc("calendar", "v3"))
    document["rootUrl"] = base + "/"
    return build_from_document(document, credentials=credentials)


def list_all(service, **query):
    """Every page of an events.list (list_next keeps the parameters), the final nextSyncToken and the page count."""
    request = service.events().list(calendarId="primary", **query)
    items, sync_token, pages = [], None, 0
    while request is not None:
        page = request.execute()
        pages += 1
        items += page.get("items", [])
        sync_token = page.get("nextSyncToken")
        if page.get("nextPageToken") and sync_token:
            check("a page carries nextPageToken or nextSyncToken, not both", False)
        request = service.events().list_next(request, page)
    return items, sync_token, pages


def main(base, key_file):
    info = json.load(open(key_file))
    info["token_uri"] = base + "/token"
    key_path = os.path.join(tempfile.mkdtemp(), "service-account.json")
    json.dump(info, open(key_path, "w"))

    account = service_account.Credentials.from_service_account_file(key_path, scopes=[CALENDAR])
    ada = account.with_subject(ADA)
    calendar = calendar_service(base, ada)

    primary = calendar.calendars().get(calendarId="primary").execute()
    check("token endpoint: google-auth's signed JWT grant is accepted (with_subject)", ada.token and ada.token.startswith("ya29."))
    check("calendars.get primary: id and IANA time zone", primary.get("id") == ADA and primary.get("timeZone") == "Europe/Zurich",
          f"{primary}")

    # Full list of today in Ada's zone, three items a page, every page followed.
    zone = ZoneInfo(primary["timeZone"])
    today = dt.datetime.now(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    window = {"timeMin": today.isoformat(), "timeMax": (today + dt.timedelta(days=1)).isoformat()}
    items, sync_token, pages = list_all(calendar, singleEvents=True, maxResults=3, **window)
    summaries = sorted(item.get("summary", "") for item in items)
    check("events.list pages followed with list_next", pages >= 2, f"pages={pages}")
    check("events.list: today's items", summaries == sorted(
        ["Home", "Team sync", "Architecture review", "Lunch walk", "Customer call", "Focus time"]), f"{summaries}")
    check("events.list: nextSyncToken on the last page", bool(sync_token))
    mismatched = [item["id"] for item in items if stored(base, item["id"]) != item]
    check("events.list: every item read back equals what the emulator stores", not mismatched, f"{mismatched}")
    home = next((item for item in items if item.get("summary") == "Home"), {})
    check("all-day item: dates with an exclusive end", home.get("start") == {"date": today.date().isoformat()}
          and home.get("end") == {"date": (today + dt.timedelta(days=1)).date().isoformat()}, f"{home}")
    review = next((item for item in items if item.get("summary") == "Architecture review"), {})
    me = [attendee for attendee in review.get("attendees", []) if attendee.get("self")]
    check("the person's own responseStatus", me and me[0].get("responseStatus") == "declined", f"{review}")

    # Insert with a client id, then the same insert again: 409 duplicate.
    start = (today + dt.timedelta(days=2)).replace(hour=9)
    event_id = "ca1509c0ffee" + format(int(dt.datetime.now().timestamp()), "x")
    body = {"id": event_id, "summary": "Training: Safety level 2", "transparency": "opaque", "status": "tentative",
            "start": {"dateTime": start.isoformat(), "timeZone": primary["timeZone"]},
            "end": {"dateTime": (start + dt.timedelta(hours=8)).isoformat(), "timeZone": primary["timeZone"]},
            "reminders": {"useDefault": False, "overrides": []},
            "extendedProperties": {"private": {"calsyncOwner": "calsync", "calsyncKey": "session-4711"}}}
    created = calendar.events().insert(calendarId="primary", body=body, sendUpdates="none").execute()
    kept = stored(base, event_id)
    check("insert with a client id: the id is kept", created.get("id") == event_id)
    check("insert: values read back equal what was sent",
          created.get("summary") == body["summary"] and created.get("status") == "tentative"
          and instant(created["start"]["dateTime"]) == start and instant(created["end"]["dateTime"]) == start + dt.timedelta(hours=8)
          and created.get("extendedProperties") == body["extendedProperties"] and created.get("reminders") == body["reminders"],
          f"{created}")
    check("insert: the answer equals what the emulator stores", kept == created, f"\n{kept}\n{created}")
    try:
        calendar.events().insert(calendarId="primary", body=body, sendUpdates="none").execute()
        check("insert again: 409 duplicate", False, "no error")
    except HttpError as error:
        check("insert again: 409 duplicate (HttpError)", error.status_code == 409 and reason(error) == "duplicate",
              f"{error.status_code} {error.error_details}")

    changes, sync_token, _ = list_all(calendar, singleEvents=True, syncToken=sync_token)
    check("incremental events.list: only the new event", [item["id"] for item in changes] == [event_id],
          f"{[item.get('id') for item in changes]}")

    # The tag filter finds only the event with the private property.
    tagged, _, _ = list_all(calendar, singleEvents=True, privateExtendedProperty="calsyncOwner=calsync")
    check("privateExtendedProperty filter", [item["id"] for item in tagged] == [event_id], f"{[i['id'] for i in tagged]}")

    # Patch, then read it back.
    patched = calendar.events().patch(calendarId="primary", eventId=event_id, sendUpdates="none",
                                      body={"summary": "Training: Safety level 3",
                                            "extendedProperties": {"private": {"calsyncKey": "session-4712"}}}).execute()
    fetched = calendar.events().get(calendarId="primary", eventId=event_id).execute()
    check("patch: the change and only the change", fetched.get("summary") == "Training: Safety level 3"
          and fetched["extendedProperties"]["private"] == {"calsyncOwner": "calsync", "calsyncKey": "session-4712"}
          and instant(fetched["start"]["dateTime"]) == start and fetched == patched == stored(base, event_id), f"{fetched}")

    # Delete, then delete again: 410 deleted; the incremental list reports it cancelled.
    answer = calendar.events().delete(calendarId="primary", eventId=event_id, sendUpdates="none").execute()
    check("delete: an empty answer", answer in ("", None, {}), f"{answer!r}")
    try:
        calendar.events().delete(calendarId="primary", eventId=event_id).execute()
        check("delete again: 410 deleted", False, "no error")
    except HttpError as error:
        check("delete again: 410 deleted (HttpError)", error.status_code == 410 and reason(error) == "deleted",
              f"{error.status_code} {error.error_details}")
    changes, sync_token, _ = list_all(calendar, singleEvents=True, syncToken=sync_token)
    check("incremental events.list: the deletion as status cancelled",
          [(item["id"], item.get("status")) for item in changes] == [(event_id, "cancelled")], f"{changes}")

    # An expired sync token: 410 fullSyncRequired.
    side(base, "POST", "syncTokens/expire")
    try:
        calendar.events().list(calendarId="primary", singleEvents=True, syncToken=sync_token).execute()
        check("expired sync token: 410 fullSyncRequired", False, "no error")
    except HttpError as error:
        check("expired sync token: 410 fullSyncRequired (HttpError)",
              error.status_code == 410 and reason(error) == "fullSyncRequired", f"{error.status_code} {error.error_details}")

    # A batch through the client's BatchHttpRequest (URI from rootUrl + batchPath): each part on its own.
    answers = {}
    batch = calendar.new_batch_http_request(callback=lambda request_id, response, exception: answers.__setitem__(
        request_id, (response, exception)))
    check("batch URI is the emulator's", batch._batch_uri == base + "/batch/calendar/v3", batch._batch_uri)
    batch_id = event_id + "b"
    batch.add(calendar.events().insert(calendarId="primary", sendUpdates="none", body=dict(body, id=batch_id, summary="Batched")),
              request_id="insert")
    batch.add(calendar.events().delete(calendarId="primary", eventId="nosuchevent00"), request_id="delete")
    batch.add(calendar.events().insert(calendarId="primary", body=body), request_id="duplicate")
    batch.add(calendar.calendars().get(calendarId="primary"), request_id="calendar")
    batch.execute()
    inserted, failure = answers.get("insert", (None, None))
    check("batch: the insert part succeeded", failure is None and inserted and inserted.get("id") == batch_id
          and stored(base, batch_id) == inserted, f"{answers.get('insert')}")
    _, failure = answers.get("delete", (None, None))
    check("batch: the unknown delete is its own HttpError 404", isinstance(failure, HttpError) and failure.status_code == 404,
          f"{failure}")
    _, failure = answers.get("duplicate", (None, None))
    check("batch: the repeated insert is its own HttpError 409 duplicate",
          isinstance(failure, HttpError) and failure.status_code == 409 and reason(failure) == "duplicate", f"{failure}")
    got, failure = answers.get("calendar", (None, None))
    check("batch: calendars.get answered in its part", failure is None and got and got.get("timeZone") == "Europe/Zurich")

    # Directory users.list through admin directory_v1, as the administrator.
    admin = service_account.Credentials.from_service_account_file(key_path, scopes=[DIRECTORY]).with_subject(GRACE)
    directory = build("admin", "directory_v1", credentials=admin, static_discovery=True,
                      client_options={"api_endpoint": base + "/"})
    request = directory.users().list(customer="my_customer", maxResults=2, orderBy="email")
    users, pages = [], 0
    while request is not None:
        page = request.execute()
        users += page.get("users", [])
        pages += 1
        request = directory.users().list_next(request, page)
    want = {user["primaryEmail"]: user for user in side(base, "GET", "users")["users"]}
    check("users.list: every page (list_next)", pages == 2 and [u["primaryEmail"] for u in users] == sorted(want), f"{pages} {users}")
    check("users.list: users read back equal the directory", all(user == want[user["primaryEmail"]] for user in users))
    first = users[0] if users else {}
    check("users.list: emails, aliases, nonEditableAliases", first.get("aliases") == ["a.lovelace@fabrikam.example"]
          and first.get("nonEditableAliases") == ["ada@fabrikam.example.test-google-a.com"]
          and {"address": ADA, "primary": True} in first.get("emails", []), f"{first}")
    not_admin = build("admin", "directory_v1", static_discovery=True, client_options={"api_endpoint": base + "/"},
                      credentials=service_account.Credentials.from_service_account_file(key_path, scopes=[DIRECTORY]).with_subject(ADA))
    try:
        not_admin.users().list(customer="my_customer").execute()
        check("users.list as a non-admin: 403", False, "no error")
    except HttpError as error:
        check("users.list as a non-admin: 403 (HttpError)", error.status_code == 403, f"{error}")

    # Token errors as google-auth's RefreshError: a scope the client id is not granted, revoked delegation, an unknown user.
    def refresh_error(credentials):
        try:
            calendar_service(base, credentials).calendars().get(calendarId="primary").execute()
        except RefreshError as error:
            return error
        return None

    error = refresh_error(service_account.Credentials.from_service_account_file(
        key_path, scopes=[CALENDAR, "https://www.googleapis.com/auth/drive"]).with_subject(ADA))
    check("a scope not granted: RefreshError unauthorized_client, not retryable",
          error is not None and str(error.args[0]).startswith("unauthorized_client") and error.retryable is False, f"{error!r}")
    side(base, "POST", "delegation/revoke", {"clientId": info["client_id"]})
    error = refresh_error(account.with_subject(ADA))
    check("revoked delegation: RefreshError unauthorized_client", error is not None
          and str(error.args[0]).startswith("unauthorized_client"), f"{error!r}")
    side(base, "POST", "delegation/grant", {"clientId": info["client_id"], "scopes": [CALENDAR, DIRECTORY]})
    error = refresh_error(account.with_subject("nobody@fabrikam.example"))
    check("an unknown user: RefreshError invalid_grant", error is not None and str(error.args[0]).startswith("invalid_grant"),
          f"{error!r}")
    check("granted again: tokens are issued", refresh_error(account.with_subject(ADA)) is None)

    stats = side(base, "GET", "stats")
    person = stats["persons"].get(ADA, {})
    check("stats: Ada's duplicates (the 409s) and tokens counted", person.get("duplicates409") == 2 and person.get("tokensIssued", 0) >= 3,
          f"{person}")
    check("stats: no request inside a back-off", stats["requestsInsideBackoff"] == 0)

    print(f"\ngoogle-auth + google-api-python-client against the Google emulator: {results['passed']} passed, "
          f"{results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].rstrip("/"), sys.argv[2]))
