#!/usr/bin/python3
"""The demo (issue 18): one working day of the suite on the test clock, and what happened.

Against a suite whose six services run with --test_clock (deploy/run-local.sh --demo starts one and
runs this; tests/e2e/demo_e2e_test.cc runs it against the test's suite), using only the public
RPCs and the development tokens of deploy/config/dev-tokens.md:

- Monday 16 November 2026 (Asia/Shanghai), 08:45: broadband registers a hotline (signed by its
  manager, approved by the CS center) and portal files one (waiting for its manager's signature);
  broadband files a webmaster mailbox and portal a web form, acknowledged by the CS center.
- From 09:00, tickets recorded at broadband and portal through the hotline, email, a web form, a
  guestbook and a walk-in, and forwarded; the walk-in without a device number is refused (I2) and
  answered by broadband itself. Routing confirms each receipt within the working hour, except one
  forwarded at 10:00 while the designated unit's system is down (routing paused with SIGSTOP when
  its process id is given) and confirmed at 12:00, late (I4).
- The designated unit decides along every path: a direct reply (R1); a dispatch to idc, accepted
  and replied in time (R2); a dispatch of a fault report to idc (1 working day) left until the
  morning after its deadline, so it becomes overdue and a reminder is sent, then replied late; an
  escalation to the telecom company, acknowledged (R3); a return to portal, which answers the user
  itself (R4).
- A mail, an SMS and a callback gateway pull the deliveries (replies, the telecom company's
  dispatch notice, reminders) and acknowledge them; the units close their replied tickets, and
  intake hands every closed ticket to the archive.
- The day's hotline call records are ingested; on 2 December the November reports are submitted,
  and on 8 December (November's reports due by the 5th working day) the CS center computes
  broadband's scorecard of November.

Prints a line per step and a summary: tickets by path, SLAs met and missed (from the services'
answers and their statistics RPCs), reminders, deliveries, archived records, the scorecard. Every
wait for an asynchronous effect polls with a deadline. Exits 0 when every path produced what it
should, 1 (naming what did not) otherwise.

  /usr/bin/python3 tools/demo/demo.py [--intake HOST:PORT ...] [--routing-pid PID]

Addresses default to the ports of deploy/run-local.sh (flags, or CS_DEMO_<SERVICE>_ADDRESS).
--routing-pid (CS_DEMO_ROUTING_PID): routing's process, paused for a moment to make the late
confirmation; without it that ticket is confirmed in time and the summary says so.
"""
import argparse
import datetime
import os
import pathlib
import signal
import sys
import threading
import time

import grpc

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools" / "python"))
import cs_stubs  # noqa: E402  (found through the path above)

# deploy/config/dev-tokens.md (public, development only).
CS_CENTER = "dev-cs-center-88d4af90b991790892e98b90"
DESIGNATED = "dev-service-desk-20483f3a94acf45fb7416f05"
BROADBAND_STAFF = "dev-broadband-staff-9d86071d119c5f900cd61e4a"
BROADBAND_MANAGER = "dev-broadband-manager-936e1b8ca54993649d940dab"
PORTAL_STAFF = "dev-portal-staff-225a0da1e26a5c0a63f8370a"
IDC_STAFF = "dev-idc-staff-cc0558a9a65fe2c99aa6905e"
MAIL_GATEWAY = "dev-svc-mail-gateway-0057c16437dc9b42e06d8fb9"
SMS_GATEWAY = "dev-svc-sms-gateway-52504ef52f485ec44cf0038c"
CALLBACK_QUEUE = "dev-svc-callback-queue-d64a0389db449f016a6da93e"
STAFF_OF = {"broadband": BROADBAND_STAFF, "portal": PORTAL_STAFF}

SERVICES = {  # name -> default address (deploy/run-local.sh)
    "intake": "localhost:50051",
    "routing": "localhost:50052",
    "hotline-registry": "localhost:50053",
    "channel-registry": "localhost:50054",
    "assessment": "localhost:50055",
    "archive": "localhost:50056",
}
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
MONTH = "2026-11"
# A bound on every wait for an asynchronous effect (outbox relays, the supervision sweep, the
# gateways); the suite does each in well under a second.
WAIT_SECONDS = 30


class DemoError(Exception):
    pass


def at(day, hour, minute=0, month=11):
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def wait_for(what, condition, seconds=WAIT_SECONDS):
    """Polls `condition` until it returns something true, which it returns; DemoError after
    `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise DemoError(f"waited {seconds} s for {what}")
        time.sleep(0.05)


class Demo:
    def __init__(self, stubs, addresses, routing_pid):
        self.m = {}
        for name in ("common.common", "common.test_clock", "intake.intake", "routing.routing",
                     "hotline.hotline", "channel.channel", "assessment.assessment",
                     "archive.archive"):
            area, module = name.split(".")
            self.m[module] = stubs.module(f"cs.{area}.v1.{module}_pb2")
            self.m[module + "_grpc"] = stubs.module(f"cs.{area}.v1.{module}_pb2_grpc")
        self.timestamp_pb2 = stubs.module("google.protobuf.timestamp_pb2")
        self.duration_pb2 = stubs.module("google.protobuf.duration_pb2")
        self.channels = {name: grpc.insecure_channel(address)
                         for name, address in addresses.items()}
        self.routing_pid = routing_pid
        c, i, r = self.m["common"], self.m["intake"], self.m["routing"]
        self.c, self.i, self.r = c, i, r
        self.intake = self.m["intake_grpc"].IntakeServiceStub(self.channels["intake"])
        self.routing = self.m["routing_grpc"].RoutingServiceStub(self.channels["routing"])
        self.hotline = self.m["hotline_grpc"].HotlineRegistryServiceStub(
            self.channels["hotline-registry"])
        self.channel = self.m["channel_grpc"].ChannelRegistryServiceStub(
            self.channels["channel-registry"])
        self.assessment = self.m["assessment_grpc"].AssessmentServiceStub(
            self.channels["assessment"])
        self.archive = self.m["archive_grpc"].ArchiveServiceStub(self.channels["archive"])
        self.now = None
        self.tickets = {}  # label -> dict(id, unit, path, ...)
        self.delivered = {}  # delivery id -> purpose name
        self.delivered_lock = threading.Lock()
        self.gateway_stop = threading.Event()
        self.gateway_error = None
        self.failures = []

    # --- plumbing -------------------------------------------------------------------------------

    def ts(self, when):
        return self.timestamp_pb2.Timestamp(seconds=int(when.timestamp()))

    @staticmethod
    def call(method, request, token, timeout=10):
        """One call as the holder of `token`; UNAVAILABLE (a service still starting) is retried."""
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                return method(request, metadata=(("authorization", f"Bearer {token}"),),
                              timeout=timeout)
            except grpc.RpcError as error:
                if error.code() != grpc.StatusCode.UNAVAILABLE or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def say(self, text):
        stamp = self.now.strftime("%a %d %b %H:%M") if self.now else ""
        print(f"{stamp:>16}  {text}", flush=True)

    def clock_stub(self, name):
        return self.m["test_clock_grpc"].TestClockStub(self.channels[name])

    def set_clocks(self, when, names=None):
        """Every service's business clock (or those of `names`) at `when`."""
        for name in names or SERVICES:
            self.call(self.clock_stub(name).SetTime,
                      self.m["test_clock"].SetTimeRequest(time=self.ts(when),
                                                          allow_backwards=True), CS_CENTER)
        self.now = when

    # --- the gateways ---------------------------------------------------------------------------

    def run_gateways(self):
        """Pulls every reply channel under a lease and acknowledges each delivery DELIVERED, as the
        mail, SMS and callback gateways do."""
        r = self.r
        gateways = [(self.c.REPLY_CHANNEL_EMAIL, MAIL_GATEWAY, "mail-gateway"),
                    (self.c.REPLY_CHANNEL_SMS, SMS_GATEWAY, "sms-gateway"),
                    (self.c.REPLY_CHANNEL_PHONE_CALLBACK, CALLBACK_QUEUE, "callback-queue")]
        while not self.gateway_stop.is_set():
            found = 0
            for channel, token, gateway in gateways:
                try:
                    pulled = self.call(self.routing.PullDeliveries, r.PullDeliveriesRequest(
                        channel=channel, max_deliveries=20, gateway=gateway,
                        lease=self.duration_pb2.Duration(seconds=60)), token, timeout=3)
                except grpc.RpcError as error:
                    # Routing paused for the outage, or a clock move ended the lease.
                    if error.code() in (grpc.StatusCode.DEADLINE_EXCEEDED,
                                        grpc.StatusCode.UNAVAILABLE):
                        continue
                    self.gateway_error = f"PullDeliveries: {error.code()} {error.details()}"
                    return
                for delivery in pulled.deliveries:
                    found += 1
                    try:
                        self.call(self.routing.AckDelivery, r.AckDeliveryRequest(
                            delivery_id=delivery.delivery_id, lease_token=delivery.lease_token,
                            gateway=gateway, result=r.DELIVERY_RESULT_DELIVERED), token)
                    except grpc.RpcError as error:
                        # A lease a clock move ended: the delivery is offered again.
                        if error.code() in (grpc.StatusCode.FAILED_PRECONDITION,
                                            grpc.StatusCode.DEADLINE_EXCEEDED,
                                            grpc.StatusCode.ABORTED):
                            continue
                        self.gateway_error = f"AckDelivery: {error.code()} {error.details()}"
                        return
                    with self.delivered_lock:
                        self.delivered[delivery.delivery_id] = r.DeliveryPurpose.Name(
                            delivery.purpose)
            if not found:
                self.gateway_stop.wait(0.05)

    def delivered_count(self, purpose):
        with self.delivered_lock:
            return sum(1 for p in self.delivered.values() if p == purpose)

    # --- registries -----------------------------------------------------------------------------

    def register_hotline(self, unit, number, signer):
        h = self.m["hotline"]
        form = h.RegistrationForm(
            unit_id=unit, number=number,
            established_on=self.ts(datetime.datetime(2020, 1, 6, tzinfo=SHANGHAI)),
            audience="本单位用户", description="业务咨询、故障报修与投诉", charges="免费",
            staffing="8 人，两班", handler="王五",
            contact_a=self.c.Contact(person="张三", phone="021-5888 0001"),
            contact_b=self.c.Contact(person="李四", phone="13800000002"))
        form.service_hours.around_the_clock = True
        hotline = self.call(self.hotline.RegisterHotline, h.RegisterHotlineRequest(
            request_id=f"demo-hotline-{unit}", form=form), STAFF_OF[unit])
        if signer:
            self.call(self.hotline.SignForm, h.SignFormRequest(
                hotline_id=hotline.hotline_id, form=h.FORM_KIND_REGISTRATION), signer)
            hotline = self.call(self.hotline.DecideRegistration, h.DecideRegistrationRequest(
                hotline_id=hotline.hotline_id, approve=True), CS_CENTER)
        self.say(f"hotline {number} of {unit}: {h.HotlineState.Name(hotline.state)}")
        return hotline

    def file_channel(self, unit, kind, address, implementation):
        ch = self.m["channel"]
        form = ch.FilingForm(
            unit_id=unit, implementation=implementation, kind=kind,
            purposes=[ch.CHANNEL_PURPOSE_CONSULTATION, ch.CHANNEL_PURPOSE_COMPLAINT],
            business_scope="业务咨询与申诉", address=address, capacity="2 GB",
            service_time="7*24小时每天2次", staffing=ch.STAFFING_DEDICATED,
            assigned_staff=["张三"], languages=["zh"],
            contact=self.c.Contact(person="李四", phone="021-5888 0001",
                                   email="lisi@internet.example.cn"))
        filed = self.call(self.channel.FileChannel, ch.FileChannelRequest(
            request_id=f"demo-channel-{unit}", form=form), STAFF_OF[unit])
        acknowledged = self.call(self.channel.AcknowledgeFiling, ch.AcknowledgeFilingRequest(
            request_id=f"demo-channel-{unit}-ack", channel_id=filed.channel_id), CS_CENTER)
        self.say(f"channel {address} of {unit}: {ch.ChannelState.Name(acknowledged.state)}")
        return filed.channel_id

    def check_channel(self, unit, channel_id, new_complaints):
        """The assigned staff member looks into the channel (C5: twice a day)."""
        ch = self.m["channel"]
        self.call(self.channel.RecordCheck, ch.RecordCheckRequest(
            request_id=f"demo-check-{channel_id}-{self.now.hour}", channel_id=channel_id,
            checked_by="张三", new_complaints=new_complaints), STAFF_OF[unit])
        self.say(f"channel of {unit} checked: {new_complaints} new complaint(s)")

    # --- tickets --------------------------------------------------------------------------------

    def record(self, label, unit, kind, channel, reply_channel, problem, **overrides):
        fields = dict(unit_id=unit, kind=kind, channel=channel, reply_channel=reply_channel,
                      problem=problem, device_number="021-55501234",
                      contact_phone="138-0013-8000", contact_person="张伟", user_name="张伟",
                      address="上海市浦东新区世纪大道88号", postal_code="200120",
                      email="zhangwei@example.cn", handler="demo")
        fields.update(overrides)
        ticket = self.call(self.intake.CreateTicket, self.i.CreateTicketRequest(
            request_id=f"demo-{label}-create", ticket=self.i.TicketInput(**fields)),
            STAFF_OF[unit])
        self.tickets[label] = dict(id=ticket.ticket_id, unit=unit, label=label)
        self.say(f"ticket #{ticket.ticket_id} recorded at {unit} "
                 f"({self.c.Channel.Name(channel)[8:].lower()}, "
                 f"{self.c.TicketKind.Name(kind)[12:].lower()}): {problem}")
        return ticket

    def forward(self, label):
        t = self.tickets[label]
        return self.call(self.intake.ForwardTicket, self.i.ForwardTicketRequest(
            request_id=f"demo-{label}-forward", ticket_id=t["id"]), STAFF_OF[t["unit"]])

    def get(self, label):
        t = self.tickets[label]
        return self.call(self.intake.GetTicket, self.i.GetTicketRequest(ticket_id=t["id"]),
                         STAFF_OF[t["unit"]])

    def wait_status(self, label, status):
        name = self.i.TicketStatus.Name(status)
        return wait_for(f"ticket {label} {name} at intake",
                        lambda: (lambda x: x if x.status == status else None)(self.get(label)))

    def routed(self, label):
        t = self.tickets[label]
        found = self.call(self.routing.ListRoutedTickets,
                          self.r.ListRoutedTicketsRequest(ticket_id=t["id"]), DESIGNATED)
        if len(found.routed_tickets) != 1:
            raise DemoError(f"routing holds {len(found.routed_tickets)} copies of {label}")
        return found.routed_tickets[0]

    def decide(self, label, decision, **fields):
        routed = self.routed(label)
        self.tickets[label]["path"] = decision
        decided = self.call(self.routing.DecideTicket, self.r.DecideTicketRequest(
            request_id=f"demo-{label}-decide", routed_ticket_id=routed.routed_ticket_id,
            decision=decision, language=self.r.REPLY_LANGUAGE_CHINESE, **fields), DESIGNATED)
        target = f" to {fields['unit_id']}" if fields.get("unit_id") else ""
        self.say(f"ticket #{self.tickets[label]['id']}: designated unit decides "
                 f"{self.r.Decision.Name(decision)[9:].lower().replace('_', ' ')}{target}")
        return decided

    def order(self, order_id):
        return self.call(self.routing.GetDispatchOrder,
                         self.r.GetDispatchOrderRequest(order_id=order_id), DESIGNATED)

    def close(self, label, **fields):
        t = self.tickets[label]
        closed = self.call(self.intake.CloseTicket, self.i.CloseTicketRequest(
            request_id=f"demo-{label}-close", ticket_id=t["id"], **fields), STAFF_OF[t["unit"]])
        t["closed"] = True
        self.say(f"ticket #{t['id']} closed by {t['unit']}")
        return closed

    def archived(self, label):
        t = self.tickets[label]
        found = self.call(self.archive.SearchRecords, self.m["archive"].SearchRecordsRequest(
            unit_id=t["unit"], ticket_id=t["id"], reason="demo: the closed ticket is archived"),
            CS_CENTER)
        return len(found.records)

    # --- the day --------------------------------------------------------------------------------

    def run(self):
        gateway = threading.Thread(target=self.run_gateways, daemon=True)
        gateway.start()
        try:
            self.day()
        finally:
            self.gateway_stop.set()
            gateway.join(10)
        if self.gateway_error:
            raise DemoError(f"the gateway failed: {self.gateway_error}")

    def day(self):
        c, i, r = self.c, self.i, self.r
        print("== Monday 16 November 2026, Asia/Shanghai business time (every service's test "
              "clock)")
        self.set_clocks(at(16, 8, 45))
        self.broadband_hotline = self.register_hotline(
            "broadband", "021-5888 4321", BROADBAND_MANAGER).hotline_id
        self.register_hotline("portal", "021-6222 1000", None)  # no portal manager token: unsigned
        self.broadband_channel = self.file_channel(
            "broadband", c.CHANNEL_EMAIL, "webmaster@broadband.example.cn", "Webmaster 信箱")
        self.file_channel("portal", c.CHANNEL_WEB_FORM, "https://portal.example.cn/feedback",
                          "网站留言表单")

        self.set_clocks(at(16, 9, 0))
        self.check_channel("broadband", self.broadband_channel, 2)
        self.record("direct", "broadband", c.TICKET_KIND_CONSULTATION, c.CHANNEL_HOTLINE,
                    c.REPLY_CHANNEL_SMS, "宽带包月套餐的价格是多少？")
        self.record("dispatch", "broadband", c.TICKET_KIND_COMPLAINT, c.CHANNEL_EMAIL,
                    c.REPLY_CHANNEL_EMAIL, "IDC 机房托管的服务器每天凌晨断网十分钟。")
        self.record("escalate", "portal", c.TICKET_KIND_FAULT_REPORT, c.CHANNEL_WEB_FORM,
                    c.REPLY_CHANNEL_EMAIL, "家里固定电话没有拨号音。")
        self.record("return", "portal", c.TICKET_KIND_CONSULTATION, c.CHANNEL_GUESTBOOK,
                    c.REPLY_CHANNEL_EMAIL, "请问附近哪家餐馆好吃？")
        self.record("late-order", "broadband", c.TICKET_KIND_FAULT_REPORT, c.CHANNEL_HOTLINE,
                    c.REPLY_CHANNEL_PHONE_CALLBACK, "IDC 机房的专线中断。")
        self.record("refused", "broadband", c.TICKET_KIND_COMPLAINT, c.CHANNEL_WALK_IN,
                    c.REPLY_CHANNEL_SMS, "营业厅说我的宽带欠费，但我已经缴费了。",
                    device_number="")
        for label in ("direct", "dispatch", "escalate", "return", "late-order"):
            self.forward(label)
        try:
            self.forward("refused")
            raise DemoError("the forward of a ticket without its device number was accepted")
        except grpc.RpcError as error:
            if "device_number" not in (error.details() or ""):
                raise
            self.tickets["refused"]["path"] = "refused"
            self.say(f"ticket #{self.tickets['refused']['id']}: forward refused (I2): "
                     f"{error.code().name}: {error.details()}")
        for label in ("direct", "dispatch", "escalate", "return", "late-order"):
            ticket = self.wait_status(label, i.TICKET_STATUS_RECEIVED)
            self.say(f"ticket #{ticket.ticket_id}: receipt confirmed by routing")
        # Broadband answers the refused ticket itself, with the A6 "cannot forward" text.
        text = self.call(self.routing.PreviewReply, r.PreviewReplyRequest(
            format=r.REPLY_FORMAT_CANNOT_FORWARD, language=r.REPLY_LANGUAGE_CHINESE),
            BROADBAND_STAFF).text
        self.close("refused", reply_text=text, reply_channel=c.REPLY_CHANNEL_SMS)

        self.set_clocks(at(16, 9, 30))
        self.decide("direct", r.DECISION_DIRECT_REPLY, reason="资费咨询，本单位直接答复",
                    handling_result="宽带包月套餐为每月100元，详情可致电10000查询。")
        dispatched = self.decide("dispatch", r.DECISION_INTERNAL_DISPATCH, unit_id="idc",
                                 reason="机房托管由数据中心处理")
        late = self.decide("late-order", r.DECISION_INTERNAL_DISPATCH, unit_id="idc",
                           reason="专线由数据中心处理")
        escalated = self.decide("escalate", r.DECISION_ESCALATE_TO_TELECOM,
                                reason="固定电话属电信公司业务")
        self.decide("return", r.DECISION_RETURN, return_reason=r.RETURN_REASON_NOT_TELECOM_BUSINESS,
                    reason="与电信业务无关", return_note="非电信业务，请受理单位直接答复用户。")
        self.tickets["dispatch"]["order"] = dispatched.orders[0].order_id
        self.tickets["late-order"]["order"] = late.orders[0].order_id
        self.tickets["escalate"]["order"] = escalated.orders[0].order_id
        deadline = late.orders[0].deadline.at.ToDatetime().replace(
            tzinfo=datetime.timezone.utc).astimezone(SHANGHAI)
        self.tickets["late-order"]["deadline"] = deadline
        self.say(f"ticket #{self.tickets['late-order']['id']}: idc must reply by "
                 f"{deadline.strftime('%a %d %b %H:%M')}")

        self.wait_status("return", i.TICKET_STATUS_RETURNED)
        self.close("return", reply_text="您好，您咨询的问题不属于电信业务，建议通过点评网站查询。",
                   reply_channel=c.REPLY_CHANNEL_EMAIL)

        # 10:00: the designated unit's system is down for two hours as a ticket is forwarded.
        self.set_clocks(at(16, 10, 0))
        self.record("late-receipt", "broadband", c.TICKET_KIND_COMPLAINT, c.CHANNEL_EMAIL,
                    c.REPLY_CHANNEL_EMAIL, "宽带每晚八点到十点掉线，已重启光猫仍然如此。")
        if self.routing_pid:
            os.kill(self.routing_pid, signal.SIGSTOP)
            try:
                self.forward("late-receipt")
                self.set_clocks(at(16, 12, 0), [n for n in SERVICES if n != "routing"])
            finally:
                os.kill(self.routing_pid, signal.SIGCONT)
            self.set_clocks(at(16, 12, 0), ["routing"])
            self.say(f"ticket #{self.tickets['late-receipt']['id']}: forwarded at 10:00 while "
                     "routing was down until 12:00")
        else:
            self.forward("late-receipt")
            self.say("routing's process id not given: no outage, the receipt is in time")
        ticket = self.wait_status("late-receipt", i.TICKET_STATUS_RECEIVED)
        self.say(f"ticket #{ticket.ticket_id}: receipt confirmed "
                 f"({'in time' if ticket.forward.deadline_met else 'LATE'})")
        self.set_clocks(at(16, 13, 30))
        self.decide("late-receipt", r.DECISION_DIRECT_REPLY, reason="线路问题已远程处理",
                    handling_result="已为您更换端口，掉线问题已解决。")

        # 11:00 idc answers the first order in time; 14:00 the telecom company acknowledges.
        order_id = self.tickets["dispatch"]["order"]
        self.call(self.routing.AcceptDispatchOrder,
                  r.AcceptDispatchOrderRequest(order_id=order_id), IDC_STAFF)
        self.set_clocks(at(16, 14, 0))
        self.call(self.routing.ReplyToDispatchOrder, r.ReplyToDispatchOrderRequest(
            request_id="demo-dispatch-reply", order_id=order_id,
            handling_result="已更换机房交换机端口，断网问题已解决。"), IDC_STAFF)
        self.say(f"ticket #{self.tickets['dispatch']['id']}: idc accepted and replied")
        self.call(self.routing.AcknowledgeEscalation, r.AcknowledgeEscalationRequest(
            order_id=self.tickets["escalate"]["order"], acknowledged_at=self.ts(self.now),
            telecom_reference="CT-20261116-0042"), DESIGNATED)
        self.say(f"ticket #{self.tickets['escalate']['id']}: the telecom company acknowledged "
                 "the escalation")

        self.set_clocks(at(16, 16, 0))
        for label in ("direct", "dispatch", "escalate", "late-receipt"):
            self.wait_status(label, i.TICKET_STATUS_REPLIED)
            self.say(f"ticket #{self.tickets[label]['id']}: reply delivered to the user")
            self.close(label)

        self.set_clocks(at(16, 17, 45))
        self.check_channel("broadband", self.broadband_channel, 0)
        self.ingest_calls()

        # The next morning after the order's deadline: routing's supervision reminds idc.
        overdue_at = (self.tickets["late-order"]["deadline"] + datetime.timedelta(days=1)).replace(
            hour=10, minute=0)
        print(f"== {overdue_at.strftime('%A %d %B')}, the morning after idc's deadline")
        self.set_clocks(overdue_at)
        order_id = self.tickets["late-order"]["order"]
        order = wait_for("the overdue order's reminder", lambda: (
            lambda o: o if o.reminders_sent >= 1 else None)(self.order(order_id)))
        self.say(f"ticket #{order.ticket_id}: order overdue, reminder {order.reminders_sent} "
                 f"sent to {order.reminders[0].recipient}")
        wait_for("the reminder's delivery",
                 lambda: self.delivered_count("DELIVERY_PURPOSE_OVERDUE_REMINDER") >= 1)
        self.call(self.routing.AcceptDispatchOrder,
                  r.AcceptDispatchOrderRequest(order_id=order_id), IDC_STAFF)
        self.call(self.routing.ReplyToDispatchOrder, r.ReplyToDispatchOrderRequest(
            request_id="demo-late-order-reply", order_id=order_id,
            handling_result="专线已恢复，原因为光缆被施工挖断。"), IDC_STAFF)
        self.say(f"ticket #{order.ticket_id}: idc replied late")
        self.wait_status("late-order", i.TICKET_STATUS_REPLIED)
        self.close("late-order")

        for label in self.tickets:
            wait_for(f"ticket {label} in the archive",
                     lambda: self.archived(label) == 1)  # noqa: B023 (called at once)
        self.say(f"{len(self.tickets)} closed tickets archived")

        print("== The month's reports, and broadband's scorecard of November")
        self.set_clocks(at(2, 10, 0, month=12))
        h = self.m["hotline"]
        self.call(self.hotline.SubmitOperatingReport, h.SubmitOperatingReportRequest(
            request_id="demo-hotline-report", hotline_id=self.broadband_hotline,
            month=MONTH), BROADBAND_STAFF)
        self.call(self.archive.SubmitMonthlyReport, self.m["archive"].SubmitMonthlyReportRequest(
            request_id="demo-archive-report", unit_id="broadband", month=MONTH,
            analysis="十一月投诉以宽带断线为主，已安排线路整治。"), BROADBAND_MANAGER)
        self.call(self.channel.SubmitMonthlyReport, self.m["channel"].SubmitMonthlyReportRequest(
            request_id="demo-channel-report", channel_id=self.broadband_channel, month=MONTH),
            BROADBAND_STAFF)
        self.say("broadband submitted its hotline, channel and archive reports of November")
        # November's reports are due by the 5th working day of December (Monday 7th).
        self.set_clocks(at(8, 10, 0, month=12))
        a = self.m["assessment"]
        self.scorecard = self.call(self.assessment.ComputeScorecard, a.ComputeScorecardRequest(
            request_id="demo-scorecard-broadband", unit_id="broadband", month=MONTH), CS_CENTER)
        self.say(f"scorecard of broadband for {MONTH} computed")

    def ingest_calls(self):
        h = self.m["hotline"]
        records = []
        for n in range(40):
            offered = at(16, 9, 0) + datetime.timedelta(minutes=12 * n)
            records.append(h.CallRecord(
                hotline_id=self.broadband_hotline, call_id=f"demo-call-{n}",
                offered_at=self.ts(offered),
                outcome=h.CALL_OUTCOME_ABANDONED if n % 8 == 7 else h.CALL_OUTCOME_ANSWERED,
                wait_seconds=5 + n % 30))
        answer = self.hotline.IngestCallRecords(
            iter([h.IngestCallRecordsRequest(records=records)]),
            metadata=(("authorization", f"Bearer {BROADBAND_STAFF}"),), timeout=30)
        answered = sum(1 for x in records if x.outcome == h.CALL_OUTCOME_ANSWERED)
        self.calls = (answer.stored, answered)
        self.say(f"{answer.stored} call records of the broadband hotline ingested")

    # --- the summary ----------------------------------------------------------------------------

    def summary(self):
        i, r = self.i, self.r
        paths = {
            "direct reply": [t for t in self.tickets.values()
                             if t.get("path") == r.DECISION_DIRECT_REPLY],
            "internal dispatch": [t for t in self.tickets.values()
                                  if t.get("path") == r.DECISION_INTERNAL_DISPATCH],
            "escalation to telecom": [t for t in self.tickets.values()
                                      if t.get("path") == r.DECISION_ESCALATE_TO_TELECOM],
            "returned": [t for t in self.tickets.values()
                         if t.get("path") == r.DECISION_RETURN],
            "forward refused (I2)": [t for t in self.tickets.values()
                                     if t.get("path") == "refused"],
        }
        print()
        print(f"== What happened ({MONTH}, as the services report it)")
        print("tickets by path:")
        for path, tickets in paths.items():
            ids = ", ".join(f"#{t['id']} {t['unit']}" for t in tickets)
            print(f"  {path:<24}{len(tickets):>3}   {ids}")
            if not tickets:
                self.failures.append(f"no ticket took the path {path}")

        on_time = late = recorded = closed = 0
        for unit in ("broadband", "portal"):
            stats = self.call(self.intake.GetMonthlyForwardingStatistics,
                              i.GetMonthlyForwardingStatisticsRequest(unit_id=unit, month=MONTH),
                              CS_CENTER)
            on_time += stats.confirmed_on_time
            late += stats.confirmed_late
            recorded += stats.recorded
            closed += stats.closed
        print(f"SLA forward receipt confirmed within 1 working hour (I4): met {on_time}, "
              f"missed {late}")
        routing_stats = self.call(self.routing.GetMonthlyStatistics,
                                  r.GetMonthlyStatisticsRequest(month=MONTH), CS_CENTER)
        idc = next((u for u in routing_stats.units if u.unit_id == "idc"), None)
        replied_on_time = idc.replied_on_time if idc else 0
        replied_late = (idc.replied - idc.replied_on_time) if idc else 0
        reminders = sum(u.reminders for u in routing_stats.units)
        print(f"SLA dispatch handled by the deadline (R2/R6): met {replied_on_time}, "
              f"missed {replied_late}")
        escalation = self.order(self.tickets["escalate"]["order"])
        acknowledged_in_time = (escalation.acknowledged_at.seconds
                                <= escalation.deadline.at.seconds)
        print("SLA escalation acknowledged within 1 working day (R3): "
              f"{'met' if acknowledged_in_time else 'missed'}")
        print(f"reminders sent for overdue orders: {reminders}")
        with self.delivered_lock:
            by_purpose = {}
            for purpose in self.delivered.values():
                by_purpose[purpose] = by_purpose.get(purpose, 0) + 1
        print("deliveries acknowledged by the gateways: " + ", ".join(
            f"{p[len('DELIVERY_PURPOSE_'):].lower().replace('_', ' ')} {n}"
            for p, n in sorted(by_purpose.items())))
        archived = 0
        for unit in ("broadband", "portal"):
            found = self.call(self.archive.SearchRecords, self.m["archive"].SearchRecordsRequest(
                unit_id=unit, closed_month=MONTH, reason="demo: the month's archived records"),
                CS_CENTER)
            archived += len(found.records)
        print(f"tickets recorded {recorded}, closed {closed}, archived {archived}")
        stored, answered = self.calls
        print(f"hotline 021-5888 4321: {stored} calls ingested, {answered} answered "
              f"({100.0 * answered / stored:.1f}% connection rate, target 80%)")
        card = self.scorecard
        print(f"scorecard broadband {MONTH}: total {card.total:.2f} of 100 "
              f"({'complete' if card.complete else 'INCOMPLETE'})")
        for item in card.indicators:
            inputs = ""
            if item.HasField("input") and item.input.denominator:
                inputs = f"  {item.input.numerator:g}/{item.input.denominator:g}"
            print(f"  {item.indicator:<34}{item.points:>6.2f} / {item.weight:<3}{inputs}")
            if item.points < item.weight and item.explanation:
                # The explanation is bilingual ("中文 / English"): the English half.
                print(f"      {item.explanation.split(' / ', 1)[-1]}")

        if late < 1 and self.routing_pid:
            self.failures.append("no forward was confirmed late")
        if on_time < 5:
            self.failures.append(f"only {on_time} forwards were confirmed in time")
        if replied_on_time < 1 or replied_late < 1:
            self.failures.append("dispatch: expected one reply in time and one late")
        if reminders < 1:
            self.failures.append("no reminder was sent")
        if not acknowledged_in_time:
            self.failures.append("the escalation was not acknowledged in time")
        if archived != len(self.tickets):
            self.failures.append(f"{archived} of {len(self.tickets)} closed tickets archived")
        if by_purpose.get("DELIVERY_PURPOSE_USER_REPLY", 0) < 5:
            self.failures.append("fewer than 5 user replies delivered")
        if not card.complete or card.total <= 0:
            self.failures.append("the scorecard is incomplete")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for name, default in SERVICES.items():
        env = f"CS_DEMO_{name.upper().replace('-', '_')}_ADDRESS"
        parser.add_argument(f"--{name}", default=os.environ.get(env, default),
                            help=f"host:port (env {env}, default {default})")
    parser.add_argument("--routing-pid", type=int,
                        default=int(os.environ.get("CS_DEMO_ROUTING_PID", "0") or 0),
                        help="routing's process id, paused for the late confirmation")
    parser.add_argument("--proto-root", default=str(cs_stubs.DEFAULT_PROTO_ROOT))
    args = parser.parse_args()
    addresses = {name: getattr(args, name.replace("-", "_")) for name in SERVICES}
    started = time.monotonic()
    with cs_stubs.TemporaryStubs(args.proto_root) as stubs:
        demo = Demo(stubs, addresses, args.routing_pid)
        try:
            demo.run()
            demo.summary()
        except (DemoError, grpc.RpcError) as error:
            if isinstance(error, grpc.RpcError):
                error = f"{error.code().name}: {error.details()}"
            print(f"demo: FAILED: {error}", file=sys.stderr)
            return 1
    print(f"demo driver: {time.monotonic() - started:.1f} s of wall time")
    if demo.failures:
        for failure in demo.failures:
            print(f"demo: FAILED: {failure}", file=sys.stderr)
        return 1
    print("demo: every path produced what it should")
    return 0


if __name__ == "__main__":
    sys.exit(main())
