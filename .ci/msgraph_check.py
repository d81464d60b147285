"""Round-trips Microsoft's own Graph SDK (msgraph-sdk for Python) through the GraphEmulator.

The SDK is a lenient parser (a wrongly typed field silently becomes None), so every check compares
the values the SDK parsed with what the emulator stored, read back through the emulator's side door.
Usage: python msgraph_check.py BASE_URL TENANT_FILE   (BASE_URL like http://127.0.0.1:8091)
"""
import asyncio
import datetime as dt
import http.server
import json
import sys
import threading
import urllib.parse
import urllib.request

from kiota_abstractions.authentication import AccessTokenProvider, AllowedHostsValidator
from kiota_abstractions.authentication import BaseBearerTokenAuthenticationProvider
from kiota_abstractions.base_request_configuration import RequestConfiguration
from msgraph import GraphServiceClient
from msgraph.generated.models.date_time_time_zone import DateTimeTimeZone
from msgraph.generated.models.event import Event
from msgraph.generated.models.free_busy_status import FreeBusyStatus
from msgraph.generated.models.item_body import ItemBody
from msgraph.generated.models.body_type import BodyType
from msgraph.generated.models.o_data_errors.o_data_error import ODataError
from msgraph.generated.models.single_value_legacy_extended_property import SingleValueLegacyExtendedProperty
from msgraph.generated.models.subscription import Subscription
from msgraph.generated.users.item.calendar_view.calendar_view_request_builder import CalendarViewRequestBuilder
from msgraph.generated.users.item.calendar_view.delta.delta_request_builder import DeltaRequestBuilder
from msgraph.generated.users.users_request_builder import UsersRequestBuilder
from msgraph.graph_request_adapter import GraphRequestAdapter

PROPERTY_ID = "String {6B5C8D0F-2A1E-4C3B-9F7E-CA15C0DE5EC1} Name CalSyncItem"
results = {"passed": 0, "failed": 0}


def check(name, condition, detail=""):
    if condition:
        results["passed"] += 1
        print(f"ok   {name}")
    else:
        results["failed"] += 1
        print(f"FAIL {name} {detail}")


class StaticToken(AccessTokenProvider):
    def __init__(self, token, host):
        self.token = token
        self.validator = AllowedHostsValidator([host])

    async def get_authorization_token(self, uri, additional_authentication_context=None):
        return self.token

    def get_allowed_hosts_validator(self):
        return self.validator


def http_json(method, url, body=None, form=None):
    data, headers = None, {}
    if body is not None:
        data, headers = json.dumps(body).encode(), {"Content-Type": "application/json"}
    if form is not None:
        data, headers = urllib.parse.urlencode(form).encode(), {"Content-Type": "application/x-www-form-urlencoded"}
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=10) as response:
        text = response.read().decode()
        return json.loads(text) if text else None


def stored_events(base, user_id):
    """Every event the emulator stores for a mailbox (side door, includes extended properties)."""
    answer = http_json("GET", f"{base}/_emulator/users/{urllib.parse.quote(user_id)}/events")
    return answer["value"] if isinstance(answer, dict) else answer


class Receiver(http.server.BaseHTTPRequestHandler):
    """A webhook on loopback: echoes validation tokens as text/plain, answers notifications 202 and keeps them."""
    handshakes, notifications = [], []

    def do_POST(self):
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if "validationToken" in query:
            token = query["validationToken"][0].encode()
            Receiver.handshakes.append((urllib.parse.urlparse(self.path).path, token.decode()))
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(token)))
            self.end_headers()
            self.wfile.write(token)
            return
        Receiver.notifications.append((urllib.parse.urlparse(self.path).path, json.loads(body or b"{}")))
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


async def wait_for(predicate, seconds=15):
    for _ in range(int(seconds * 20)):
        if predicate():
            return True
        await asyncio.sleep(0.05)
    return False


async def check_subscriptions(client, base, user_id, start):
    """msgraph-sdk creates a subscription (the emulator's handshake reaches the receiver), a side-door change
    arrives as a notification, then the SDK renews and deletes it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hook = f"http://127.0.0.1:{server.server_port}"
    before = http_json("GET", f"{base}/_emulator/stats")["subscriptions"]
    try:
        expiry = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) + dt.timedelta(days=2)
        subscription = await client.subscriptions.post(Subscription(
            change_type="created,updated,deleted", notification_url=f"{hook}/hooks/graph",
            lifecycle_notification_url=f"{hook}/hooks/graph/lifecycle", resource=f"users/{user_id}/events",
            expiration_date_time=expiry, client_state="msgraph-check-state"))
        check("subscription created through the SDK", bool(subscription and subscription.id))
        check("subscription parses: resource, changeType, clientState",
              subscription.resource == f"users/{user_id}/events" and subscription.change_type == "created,updated,deleted"
              and subscription.client_state == "msgraph-check-state", f"{subscription}")
        check("subscription parses: expirationDateTime", subscription.expiration_date_time == expiry,
              f"{subscription.expiration_date_time} vs {expiry}")
        check("validation handshake reached both URLs (token URL-decoded)",
              [p for p, _ in Receiver.handshakes] == ["/hooks/graph", "/hooks/graph/lifecycle"]
              and all(t.startswith("Validation: ") for _, t in Receiver.handshakes), f"{Receiver.handshakes}")
        listed = await client.subscriptions.get()
        check("subscriptions list holds it", subscription.id in [s.id for s in listed.value])

        added = http_json("POST", f"{base}/_emulator/users/{urllib.parse.quote(user_id)}/events", body={
            "subject": "Booked in Outlook",
            "start": {"dateTime": (start + dt.timedelta(days=3)).isoformat(), "timeZone": "UTC"},
            "end": {"dateTime": (start + dt.timedelta(days=3, hours=1)).isoformat(), "timeZone": "UTC"}})

        def notified():
            return [item for path, body in Receiver.notifications if path == "/hooks/graph" for item in body.get("value", [])
                    if item.get("resourceData", {}).get("id") == added["id"]]
        check("side-door change arrives as a notification", await wait_for(lambda: notified()), f"{Receiver.notifications}")
        items = notified()
        if items:
            item = items[0]
            check("notification carries subscriptionId, changeType, clientState, resource",
                  item.get("subscriptionId") == subscription.id and item.get("changeType") == "created"
                  and item.get("clientState") == "msgraph-check-state"
                  and item.get("resource", "").lower() == f"users/{user_id}/events/{added['id']}".lower(), f"{item}")

        later = expiry + dt.timedelta(days=1)
        renewed = await client.subscriptions.by_subscription_id(subscription.id).patch(Subscription(expiration_date_time=later))
        check("renewal (PATCH) moves the expiry", renewed.expiration_date_time == later, f"{renewed.expiration_date_time}")
        try:
            await client.subscriptions.by_subscription_id(subscription.id).patch(
                Subscription(expiration_date_time=expiry + dt.timedelta(days=30)))
            check("renewal beyond the maximum is refused", False, "no error raised")
        except ODataError as error:
            check("renewal beyond the maximum is refused (400 ExtensionError)",
                  error.response_status_code == 400 and error.error and error.error.code == "ExtensionError",
                  f"{error.response_status_code} {error.error.code if error.error else None}")

        await client.subscriptions.by_subscription_id(subscription.id).delete()
        listed = await client.subscriptions.get()
        check("deleted subscription is gone", subscription.id not in [s.id for s in listed.value])
        stats = http_json("GET", f"{base}/_emulator/stats")["subscriptions"]
        counted = tuple(stats[k] - before[k] for k in ("created", "renewed", "deleted"))
        check("emulator counts created, renewed, deleted", counted == (1, 1, 1), f"{stats}")
    finally:
        server.shutdown()


def utc(value):
    """A Graph dateTime string (UTC, up to 7 fraction digits) as a naive UTC datetime to the second."""
    return dt.datetime.fromisoformat(value.split(".")[0].replace("Z", ""))


async def main(base, tenant_file):
    tenant = json.load(open(tenant_file))
    app = tenant["apps"][0]
    token = http_json("POST", f"{base}/{tenant['tenantId']}/oauth2/v2.0/token", form={
        "client_id": app["clientId"], "client_secret": app["clientSecret"],
        "scope": "https://graph.microsoft.com/.default", "grant_type": "client_credentials"})
    check("token endpoint issues a bearer token", token.get("token_type") == "Bearer" and token.get("access_token"))

    host = urllib.parse.urlparse(base).hostname
    adapter = GraphRequestAdapter(BaseBearerTokenAuthenticationProvider(StaticToken(token["access_token"], host)))
    adapter.base_url = f"{base}/v1.0"
    client = GraphServiceClient(request_adapter=adapter)

    # Users, two per page, every page followed.
    query = UsersRequestBuilder.UsersRequestBuilderGetQueryParameters(
        top=2, select=["id", "displayName", "mail", "userPrincipalName", "proxyAddresses"])
    page = await client.users.get(request_configuration=RequestConfiguration(query_parameters=query))
    users, pages = list(page.value), 1
    while page.odata_next_link:
        page = await client.users.with_url(page.odata_next_link).get()
        users += page.value
        pages += 1
    check("users come in several pages", pages >= 2, f"pages={pages}")
    got = {u.id: (u.display_name, u.mail, u.user_principal_name, sorted(u.proxy_addresses or [])) for u in users}
    want = {u["id"]: (u["displayName"], u.get("mail"), u["userPrincipalName"], sorted(u.get("proxyAddresses", [])))
            for u in tenant["users"]}
    check("users round-trip (id, displayName, mail, UPN, proxyAddresses)", got == want, f"\n got={got}\nwant={want}")

    user_id = next(u["id"] for u in tenant["users"] if u.get("hasMailbox", True))
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    start = (now + dt.timedelta(days=2)).replace(hour=9, minute=0, second=0)
    window = (f"{(now - dt.timedelta(days=1)).date()}T00:00:00Z", f"{(now + dt.timedelta(days=30)).date()}T00:00:00Z")

    # Create through the SDK (its body starts with @odata.type), compare with what was stored.
    created = await client.users.by_user_id(user_id).events.post(Event(
        subject="SDK round trip", body=ItemBody(content_type=BodyType.Text, content="from msgraph-sdk"),
        start=DateTimeTimeZone(date_time=start.isoformat(), time_zone="UTC"),
        end=DateTimeTimeZone(date_time=(start + dt.timedelta(hours=1)).isoformat(), time_zone="UTC"),
        show_as=FreeBusyStatus.Tentative, categories=["CalSync"], transaction_id="sdk-check-0001",
        single_value_extended_properties=[SingleValueLegacyExtendedProperty(id=PROPERTY_ID, value="sdk|check")]))
    stored = {e["id"]: e for e in stored_events(base, user_id)}
    mine = stored.get(created.id)
    check("created event is stored", mine is not None)
    if mine:
        check("create response parses: subject", created.subject == mine["subject"] == "SDK round trip")
        check("create response parses: start", utc(created.start.date_time) == start == utc(mine["start"]["dateTime"]),
              f"{created.start.date_time} vs {mine['start']}")
        check("create response parses: showAs", created.show_as == FreeBusyStatus.Tentative and mine["showAs"] == "tentative")
        check("create response parses: transactionId", created.transaction_id == mine.get("transactionId") == "sdk-check-0001")
        props = mine.get("singleValueExtendedProperties") or []
        check("extended property stored", [p.get("value") for p in props if p.get("id") == PROPERTY_ID] == ["sdk|check"])
        check("extended property not echoed on create", not created.single_value_extended_properties)

    # calendarView: the same values as stored.
    cv = CalendarViewRequestBuilder.CalendarViewRequestBuilderGetQueryParameters(start_date_time=window[0], end_date_time=window[1])
    page = await client.users.by_user_id(user_id).calendar_view.get(request_configuration=RequestConfiguration(query_parameters=cv))
    view = list(page.value)
    while page.odata_next_link:
        page = await client.users.by_user_id(user_id).calendar_view.with_url(page.odata_next_link).get()
        view += page.value
    seen = {e.id: e for e in view}
    check("calendarView lists the created event", created.id in seen)
    mismatches = [e.id for e in view if e.id in stored and (
        e.subject != stored[e.id].get("subject") or e.is_all_day != bool(stored[e.id].get("isAllDay")))]
    check("calendarView values equal the stored ones", not mismatches, f"{mismatches}")

    # Delta, first round (the SDK's delta() form), every page followed.
    dq = DeltaRequestBuilder.DeltaRequestBuilderGetQueryParameters(start_date_time=window[0], end_date_time=window[1])
    page = await client.users.by_user_id(user_id).calendar_view.delta.get(request_configuration=RequestConfiguration(query_parameters=dq))
    first_round = list(page.value)
    while page.odata_next_link:
        page = await client.users.by_user_id(user_id).calendar_view.delta.with_url(page.odata_next_link).get()
        first_round += page.value
    check("delta round 1 ends with a deltaLink", bool(page.odata_delta_link))
    check("delta round 1 holds exactly the calendarView instances", {e.id for e in first_round} == set(seen),
          f"{len(first_round)} vs {len(seen)}")
    round_one = {e.id: e for e in first_round}
    if created.id in round_one:
        e = round_one[created.id]
        check("delta values equal the stored ones", e.subject == "SDK round trip" and utc(e.start.date_time) == start)

    # Change the mailbox through the side door, then the second round.
    added = http_json("POST", f"{base}/_emulator/users/{urllib.parse.quote(user_id)}/events", body={
        "subject": "Added later", "showAs": "busy",
        "start": {"dateTime": (start + dt.timedelta(days=1)).isoformat(), "timeZone": "UTC"},
        "end": {"dateTime": (start + dt.timedelta(days=1, hours=2)).isoformat(), "timeZone": "UTC"}})
    added_id = added["id"]
    http_json("DELETE", f"{base}/_emulator/users/{urllib.parse.quote(user_id)}/events/{urllib.parse.quote(created.id, safe='')}")
    page = await client.users.by_user_id(user_id).calendar_view.delta.with_url(page.odata_delta_link).get()
    second_round = list(page.value)
    while page.odata_next_link:
        page = await client.users.by_user_id(user_id).calendar_view.delta.with_url(page.odata_next_link).get()
        second_round += page.value
    removed = [e.id for e in second_round if "@removed" in (e.additional_data or {})]
    changed = {e.id: e for e in second_round if "@removed" not in (e.additional_data or {})}
    check("delta round 2 reports the deletion as @removed", created.id in removed, f"{removed}")
    check("delta round 2 carries the added event", added_id in changed and changed[added_id].subject == "Added later")
    check("delta round 2 ends with a new deltaLink", bool(page.odata_delta_link))

    # A 404 parses as ODataError with Graph's code.
    try:
        await client.users.by_user_id(user_id).events.by_event_id("AAMkAGI-no-such-event").get()
        check("unknown event answers 404", False, "no error raised")
    except ODataError as error:
        check("unknown event answers 404 ErrorItemNotFound",
              error.response_status_code == 404 and error.error and error.error.code == "ErrorItemNotFound",
              f"{error.response_status_code} {error.error.code if error.error else None}")

    await check_subscriptions(client, base, user_id, start)

    print(f"msgraph-sdk: {results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1], sys.argv[2])))
