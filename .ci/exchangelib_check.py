"""Round-trips exchangelib 5.6.0 (PyPI), a widely used EWS client, through the EWSEmulator.

Every check compares what exchangelib parsed with what the emulator stored, read back through the emulator's side
door, and the emulator's statistics show what exchangelib did (logons, back-offs honoured, X-AnchorMailbox sent).
Usage: python exchangelib_check.py BASE_URL TENANT_FILE   (BASE_URL like http://127.0.0.1:8091)
"""
import datetime as dt
import json
import sys
import time
import urllib.parse

import requests
from exchangelib import (
    Account, Build, CalendarItem, Configuration, Credentials, EWSDate, EWSDateTime, EWSTimeZone, ExtendedProperty,
    FaultTolerance, IMPERSONATION, Version,
)
from exchangelib.errors import (
    ErrorCalendarViewRangeTooBig, ErrorImpersonateUserDenied, ErrorInvalidSyncStateData, ErrorIrresolvableConflict,
    ErrorItemNotFound, ErrorNameResolutionNoResults, ErrorNonExistentMailbox, ErrorNonPrimarySmtpAddress,
    UnauthorizedError,
)
from exchangelib.items import SEND_TO_NONE
from exchangelib.protocol import BaseProtocol, close_connections
from exchangelib.transport import BASIC, NTLM

BASE, TENANT_FILE = sys.argv[1], sys.argv[2]
TENANT = json.load(open(TENANT_FILE))
ENDPOINT = BASE + "/EWS/Exchange.asmx"
DOMAIN = TENANT["netbiosDomain"]
ACCOUNTS = {a["samAccountName"]: a for a in TENANT["serviceAccounts"]}
SVC, SCOPED, NOROLE = ACCOUNTS["svc-calsync"], ACCOUNTS["svc-scoped"], ACCOUNTS["svc-norole"]
JANE, BEN = "jane.doe@contoso.example", "ben.smith@contoso.example"
PARIS = EWSTimeZone("Europe/Paris")
results = {"passed": 0, "failed": 0}


class CalSyncItem(ExtendedProperty):
    """The tag CalSync writes on its items: the same named MAPI property as on Microsoft 365."""
    property_set_id = "6b5c8d0f-2a1e-4c3b-9f7e-ca15c0de5ec1"
    property_name = "CalSyncItem"
    property_type = "String"


CalendarItem.register("calsync_item", CalSyncItem)


def check(name, condition, detail=""):
    if condition:
        results["passed"] += 1
        print(f"ok   {name}")
    else:
        results["failed"] += 1
        print(f"FAIL {name} {detail}")


def raises(name, error_class, call):
    try:
        value = call()
        if isinstance(value, list) and value and isinstance(value[0], Exception):
            raise value[0]
    except error_class:
        check(name, True)
        return
    except Exception as error:  # noqa: BLE001 - the check reports any other outcome
        check(name, False, f"raised {type(error).__name__}: {error}")
        return
    check(name, False, "nothing was raised")


def side(method, path, body=None):
    response = requests.request(method, BASE + "/_emulator/" + path, json=body, timeout=10)
    assert response.status_code < 300, f"{method} {path}: {response.status_code} {response.text}"
    return response.json() if response.content else None


def stats(sam):
    return side("GET", "stats")["accounts"][sam]


def account(smtp, sam=SVC, auth_type=NTLM, username=None, password=None, version=True, retry_policy=None):
    # A fresh Protocol per call: exchangelib caches them per endpoint and credentials.
    close_connections()
    credentials = Credentials(username or f"{DOMAIN}\\{sam['samAccountName']}", password or sam["password"])
    config = Configuration(
        service_endpoint=ENDPOINT, credentials=credentials, auth_type=auth_type,
        version=Version(build=Build(15, 2, 1118, 7)) if version else None, retry_policy=retry_policy)
    return Account(smtp, config=config, autodiscover=False, access_type=IMPERSONATION, default_timezone=PARIS)


def stored(mailbox):
    return {item["id"]: item for item in side("GET", f"mailboxes/{mailbox}/items")}


def utc(value):
    return dt.datetime.fromtimestamp(value.timestamp(), dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def quoted(item_id):
    return urllib.parse.quote(item_id, safe="")


def check_logons():
    # Neither auth_type nor version: exchangelib probes with ConvertId, unauthenticated (reads WWW-Authenticate) and
    # then logged on (reads ServerVersionInfo).
    before = stats("svc-calsync")["operations"].get("ConvertId", 0)
    acc = account(JANE, auth_type=None, version=False)
    check("probe: exchangelib picks NTLM from WWW-Authenticate", acc.protocol.auth_type == NTLM, acc.protocol.auth_type)
    check("probe: the version comes from ServerVersionInfo (15.2, API Exchange2016)",
          acc.version.build.major_version == 15 and acc.version.build.minor_version == 2
          and acc.version.api_version == "Exchange2016", str(acc.version))
    check("probe: it was a logged-on ConvertId", stats("svc-calsync")["operations"].get("ConvertId", 0) > before)
    check("NTLM: the root folder", acc.root.name is not None or acc.root.id is not None)
    calendar = acc.calendar
    check("NTLM: the calendar folder is a CalendarFolder with its id", calendar.id and "Calendar" in type(calendar).__name__)
    basic = account(JANE, auth_type=BASIC, username=SVC["userPrincipalName"])
    check("Basic with the UPN form of the user name: the calendar", basic.calendar.id == calendar.id)

    failed = stats("svc-calsync")["failedLogons"]
    raises("NTLM with a wrong password is refused (401)", UnauthorizedError,
           lambda: account(JANE, password="wrong-password").root)
    check("the failed logon is counted", stats("svc-calsync")["failedLogons"] == failed + 1)
    raises("Basic with a wrong password is refused (401)", UnauthorizedError,
           lambda: account(JANE, auth_type=BASIC, password="wrong-password").root)
    # A good logon resets Active Directory's count, so the main account is never near its lockout.
    account(JANE).root
    check("a right password resets the consecutive failures", stats("svc-calsync")["consecutiveFailedLogons"] == 0)


def check_lockout():
    threshold = TENANT["accountLockoutThreshold"]
    for _ in range(threshold):
        try:
            account(JANE, sam=NOROLE, auth_type=BASIC, password="not-it").root
        except UnauthorizedError:
            pass
    check(f"{threshold} failed logons lock the account out", stats("svc-norole")["lockedOut"])
    raises("a locked-out account is refused even with its password", UnauthorizedError,
           lambda: account(JANE, sam=NOROLE).root)
    side("PATCH", "accounts/svc-norole", {"unlock": True})
    raises("unlocked, it logs on again (and is refused impersonation: it has no role)", ErrorImpersonateUserDenied,
           lambda: account(JANE, sam=NOROLE).root)


def check_impersonation():
    raises("an account without ApplicationImpersonation: ErrorImpersonateUserDenied", ErrorImpersonateUserDenied,
           lambda: account(JANE, sam=NOROLE).calendar)
    check("a scoped account reaches a mailbox in its scope", account(JANE, sam=SCOPED).calendar.id is not None)
    raises("a scoped account outside its scope: ErrorImpersonateUserDenied", ErrorImpersonateUserDenied,
           lambda: account(BEN, sam=SCOPED).calendar)
    raises("an address without a mailbox: ErrorNonExistentMailbox", ErrorNonExistentMailbox,
           lambda: account("nobody@contoso.example").calendar)
    raises("a secondary address as PrimarySmtpAddress: ErrorNonPrimarySmtpAddress", ErrorNonPrimarySmtpAddress,
           lambda: account("jdoe@contoso.example").calendar)
    side("PATCH", "accounts/svc-scoped", {"impersonationScope": None})
    raises("the role revoked by the administrator: ErrorImpersonateUserDenied", ErrorImpersonateUserDenied,
           lambda: account(JANE, sam=SCOPED).calendar)
    side("PATCH", "accounts/svc-scoped", {"impersonationScope": [JANE]})


def expected_view(mailbox, start, end):
    """What CalendarView should return for [start, end) apart from all-day items, computed from the stored items:
    singles that overlap, and the daily series expanded at its master's wall-clock time in its zone (Paris here)."""
    expected = set()
    for item in stored(mailbox).values():
        item_start = dt.datetime.fromisoformat(item["start"].replace("Z", "+00:00"))
        item_end = dt.datetime.fromisoformat(item["end"].replace("Z", "+00:00"))
        if item["isAllDay"]:
            continue
        if item["calendarItemType"] == "Single":
            if not item_end < start and item_start < end:
                expected.add((item["subject"], utc(item_start), utc(item_end), "Single"))
            continue
        local = item_start.astimezone(PARIS)
        duration = item_end - item_start
        day = start.astimezone(PARIS).date() - dt.timedelta(days=1)
        while day <= end.astimezone(PARIS).date():
            occurrence = dt.datetime(day.year, day.month, day.day, local.hour, local.minute, tzinfo=PARIS)
            if day >= local.date() and not occurrence + duration < start and occurrence < end:
                expected.add((item["subject"], utc(occurrence), utc(occurrence + duration), "Occurrence"))
            day += dt.timedelta(days=1)
    return expected


def check_calendar_view():
    acc = account(JANE)
    start = EWSDateTime.now(PARIS).replace(hour=0, minute=0, second=0, microsecond=0)
    end = start + dt.timedelta(days=7)
    expected = expected_view(JANE, start, end)
    only = list(acc.calendar.view(start=start, end=end).only(
        "subject", "start", "end", "type", "legacy_free_busy_status", "is_all_day"))
    seen = {(i.subject, utc(i.start), utc(i.end), i.type) for i in only if not i.is_all_day}
    check("calendar.view().only(): singles and the expanded series equal what is stored", seen == expected,
          f"missing {sorted(expected - seen)} extra {sorted(seen - expected)}")
    occurrences = [e for e in seen if e[3] == "Occurrence"]
    check("calendar.view(): the recurring series comes as 7 daily occurrences, never the master",
          len(occurrences) == 7 and not any(i.type == "RecurringMaster" for i in only), f"{len(occurrences)}")
    full = list(acc.calendar.view(start=start, end=start + dt.timedelta(days=3)))
    by_subject = {item.subject: item for item in full}
    singles = {item["subject"]: item for item in stored(JANE).values()}
    for subject in ("Dentist", "Budget review (declined)", "Vendor call (cancelled)"):
        item, saved = by_subject.get(subject), singles[subject]
        check(f"calendar.view() + GetItem: '{subject}' reads back as stored",
              item is not None and utc(item.start) == saved["start"] and utc(item.end) == saved["end"]
              and item.legacy_free_busy_status == saved["legacyFreeBusyStatus"]
              and item.is_cancelled == saved["isCancelled"] and item.my_response_type == saved["myResponseType"]
              and item.sensitivity == saved["sensitivity"],
              f"{item and (item.start, item.end, item.legacy_free_busy_status, item.is_cancelled, item.my_response_type)}")
    allday = by_subject.get("Conference (all day)")
    saved = singles["Conference (all day)"]
    check("an all-day item reads back as dates in its own zone",
          allday is not None and allday.is_all_day and str(allday.start) == (start.date() + dt.timedelta(days=2)).isoformat()
          and saved["start"] == utc(dt.datetime.combine(allday.start, dt.time(), tzinfo=PARIS)),
          f"{allday and (allday.start, allday.end)} stored {saved['start']}")
    occurrence = next(i for i in full if i.type == "Occurrence")
    master = next(i for i in stored(JANE).values() if i["calendarItemType"] == "RecurringMaster")
    check("an occurrence read by its own id: the series' subject, IsRecurring, its own start",
          occurrence.subject == master["subject"] and occurrence.is_recurring and occurrence.start >= start)
    raises("a CalendarView over two years is refused: ErrorCalendarViewRangeTooBig", ErrorCalendarViewRangeTooBig,
           lambda: list(acc.calendar.view(start=start, end=start + dt.timedelta(days=800)).only("subject")))


def tag_of(saved):
    return next((p["value"] for p in saved["extendedProperties"] if p.get("propertyName") == "CalSyncItem"), None)


def check_writes():
    acc = account(JANE)
    start = EWSDateTime.now(PARIS).replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=20)
    item = CalendarItem(
        account=acc, folder=acc.calendar, subject="Training: Swift 101", start=start, end=start + dt.timedelta(hours=8),
        legacy_free_busy_status="Busy", reminder_is_set=False, calsync_item="t1:session-42:jane")
    item.save(send_meeting_invitations=SEND_TO_NONE)
    saved = stored(JANE).get(item.id)
    check("CreateItem with an extended property: stored as sent",
          saved is not None and saved["subject"] == "Training: Swift 101" and saved["start"] == utc(start)
          and saved["end"] == utc(start + dt.timedelta(hours=8)) and tag_of(saved) == "t1:session-42:jane"
          and saved["startTimeZone"] == "Romance Standard Time" and not saved["reminderIsSet"], f"{saved}")
    got = acc.calendar.get(id=item.id)
    check("GetItem reads the extended property and the fields back",
          got.calsync_item == "t1:session-42:jane" and got.subject == item.subject and got.start == start
          and got.legacy_free_busy_status == "Busy" and got.type == "Single", f"{got.calsync_item} {got.start}")
    found = list(acc.calendar.filter(calsync_item="t1:session-42:jane"))
    check("FindItem with a Restriction on the extended property finds exactly that item",
          [f.id for f in found] == [item.id], f"{[f.subject for f in found]}")
    check("… and nothing for another value", list(acc.calendar.filter(calsync_item="t1:other")) == [])

    stale = CalendarItem(account=acc, folder=acc.calendar, id=item.id, changekey=item.changekey, subject="stale")
    item.subject = "Training: Swift 102"
    item.calsync_item = "t1:session-42:jane:v2"
    item.start, item.end = start + dt.timedelta(hours=1), start + dt.timedelta(hours=9)
    item.save(update_fields=["subject", "calsync_item", "start", "end"])
    saved = stored(JANE)[item.id]
    check("UpdateItem (SetItemField incl. the extended property): stored as sent",
          saved["subject"] == "Training: Swift 102" and tag_of(saved) == "t1:session-42:jane:v2"
          and saved["start"] == utc(start + dt.timedelta(hours=1)) and saved["changeKey"] == item.changekey, f"{saved}")
    raises("UpdateItem with a stale ChangeKey: ErrorIrresolvableConflict", ErrorIrresolvableConflict,
           lambda: stale.save(update_fields=["subject"]))
    item.location = "Room 1"
    item.save()
    saved = stored(JANE)[item.id]
    check("a full save (SetItemField and DeleteItemField for every field) keeps the values",
          saved["location"] == "Room 1" and saved["subject"] == "Training: Swift 102"
          and tag_of(saved) == "t1:session-42:jane:v2", f"{saved}")

    leave = CalendarItem(
        account=acc, folder=acc.calendar, subject="Leave", start=EWSDate(2027, 1, 11), end=EWSDate(2027, 1, 12),
        is_all_day=True, legacy_free_busy_status="OOF")
    leave.save(send_meeting_invitations=SEND_TO_NONE)
    saved = stored(JANE)[leave.id]
    got = acc.calendar.get(id=leave.id)
    check("an all-day create: local midnights in the item's zone, read back as the same dates",
          saved["start"] == "2027-01-10T23:00:00Z" and saved["end"] == "2027-01-12T23:00:00Z" and saved["isAllDay"]
          and got.is_all_day and got.start == EWSDate(2027, 1, 11) and got.end == EWSDate(2027, 1, 12)
          and got.legacy_free_busy_status == "OOF", f"{saved['start']} {saved['end']} {got.start} {got.end}")

    deleted = (item.id, item.changekey)
    item.delete(send_meeting_cancellations=SEND_TO_NONE)
    check("DeleteItem: gone from the store", deleted[0] not in stored(JANE))
    raises("DeleteItem again: ErrorItemNotFound", ErrorItemNotFound,
           lambda: acc.bulk_delete([deleted], send_meeting_cancellations=SEND_TO_NONE))
    leave.delete(send_meeting_cancellations=SEND_TO_NONE)


def check_sync():
    acc = account(BEN)
    first = list(acc.calendar.sync_items())
    masters = {i["id"] for i in stored(BEN).values()}
    check("sync_items round 1: every stored item once, as create",
          {kind for kind, _ in first} == {"create"} and {item.id for _, item in first} == masters,
          f"{[(k, getattr(i, 'subject', None)) for k, i in first]}")
    state1 = acc.calendar.item_sync_state
    items = stored(BEN)
    workshop = next(i for i in items.values() if i["subject"] == "Customer workshop")
    planning = next(i for i in items.values() if i["subject"] == "Tentative: planning")
    side("PATCH", f"mailboxes/{BEN}/items/{quoted(workshop['id'])}", {"start": "D+2T09:00", "end": "D+2T17:00"})
    side("DELETE", f"mailboxes/{BEN}/items/{quoted(planning['id'])}")
    new = CalendarItem(account=acc, folder=acc.calendar, subject="New block", start=EWSDateTime.now(PARIS) + dt.timedelta(days=5),
                       end=EWSDateTime.now(PARIS) + dt.timedelta(days=5, hours=1))
    new.save(send_meeting_invitations=SEND_TO_NONE)
    second = list(acc.calendar.sync_items())
    moved = next((i for k, i in second if k == "update"), None)
    check("sync_items round 2: exactly the update, the delete and the create",
          sorted(k for k, _ in second) == ["create", "delete", "update"]
          and {getattr(i, "id", None) for k, i in second if k == "create"} == {new.id}
          and moved is not None and moved.id == workshop["id"] and utc(moved.start) == stored(BEN)[workshop["id"]]["start"]
          and any(k == "delete" and i.id == planning["id"] for k, i in second),
          f"{[(k, getattr(i, 'subject', None)) for k, i in second]}")
    check("sync_items round 3: nothing", list(acc.calendar.sync_items()) == [])
    side("POST", "syncstates/expire")
    acc.calendar.item_sync_state = state1
    raises("an invalidated SyncState: ErrorInvalidSyncStateData", ErrorInvalidSyncStateData,
           lambda: list(acc.calendar.sync_items()))
    new.delete(send_meeting_cancellations=SEND_TO_NONE)


def check_resolve_names():
    protocol = account(JANE).protocol
    resolved = protocol.resolve_names(["smtp:JDOE@Contoso.Example"])
    check("resolve_names by a secondary address, any case: the primary address",
          [m.email_address for m in resolved] == [JANE], f"{resolved}")
    resolved = protocol.resolve_names(["ben.smith@contoso.example"])
    check("resolve_names by the primary address without a prefix",
          [(m.name, m.email_address) for m in resolved] == [("Ben Smith", BEN)], f"{resolved}")
    raises("resolve_names without a match: ErrorNameResolutionNoResults", ErrorNameResolutionNoResults,
           lambda: protocol.resolve_names(["smtp:nobody@contoso.example"]))


def check_server_busy():
    side("POST", "faults", {"serverBusyNextRequests": 2, "backOffMilliseconds": 1200})
    before = stats("svc-calsync")
    acc = account(JANE, retry_policy=FaultTolerance(max_wait=60))
    began = time.monotonic()
    folder_id = acc.calendar.id
    elapsed = time.monotonic() - began
    after = stats("svc-calsync")
    side("POST", "faults", {})
    check("ErrorServerBusy twice with BackOffMilliseconds 1200: exchangelib waited and succeeded",
          folder_id is not None and elapsed >= 2.3 and after["serverBusyGiven"] - before["serverBusyGiven"] == 2,
          f"{elapsed:.2f}s, busy given {after['serverBusyGiven'] - before['serverBusyGiven']}")
    check("no request came before a back-off elapsed", after["earlyRequests"] == 0, f"{after['earlyRequests']}")


def check_protocol_rules():
    body = ('<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" '
            'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" '
            'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><s:Header>'
            '<t:RequestServerVersion Version="Exchange2019"/></s:Header><s:Body><m:ResolveNames ReturnFullContactData="false">'
            '<m:UnresolvedEntry>smtp:jane.doe@contoso.example</m:UnresolvedEntry></m:ResolveNames></s:Body></s:Envelope>')
    response = requests.post(ENDPOINT, data=body.encode(), auth=(f"{DOMAIN}\\svc-calsync", SVC["password"]),
                             headers={"Content-Type": "text/xml; charset=utf-8"}, timeout=10)
    check("RequestServerVersion Exchange2019 is refused with a SOAP fault ErrorInvalidRequest (HTTP 500)",
          response.status_code == 500 and "ErrorInvalidRequest" in response.text, f"{response.status_code}")
    svc = stats("svc-calsync")
    check("exchangelib sent X-AnchorMailbox with every impersonated request",
          svc["missingAnchorMailbox"] == 0 and svc["mismatchedAnchorMailbox"] == 0, f"{svc}")
    check("the emulator saw every operation exercised",
          all(svc["operations"].get(op, 0) > 0 for op in (
              "ConvertId", "GetFolder", "FindItem", "GetItem", "CreateItem", "UpdateItem", "DeleteItem", "SyncFolderItems",
              "ResolveNames")), f"{svc['operations']}")


def main():
    for step in (check_logons, check_lockout, check_impersonation, check_calendar_view, check_writes, check_sync,
                 check_resolve_names, check_server_busy, check_protocol_rules):
        try:
            step()
        except Exception as error:  # noqa: BLE001 - a crash fails the step, the others still run
            check(step.__name__, False, f"crashed: {type(error).__name__}: {error}")
    print(f"exchangelib 5.6.0 against the EWSEmulator: {results['passed']} passed, {results['failed']} failed")
    sys.exit(1 if results["failed"] else 0)


if __name__ == "__main__":
    main()
