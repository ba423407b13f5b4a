using System.Text.Json;
using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Contract.State;
using Kiosk.Contract.Status;

namespace Kiosk.Contract.Tests;

/// <summary>One fixed instance of every wire payload, built from the contract types: the golden samples' source.</summary>
internal static class Samples
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset Issued = new(2026, 3, 2, 8, 15, 0, Wib);
    private static readonly DateTimeOffset Called = new DateTimeOffset(2026, 3, 2, 8, 22, 0, Wib).AddMilliseconds(125);
    private static readonly Guid TicketId = Guid.Parse("0193a1b2-0000-7000-8000-0000000000a1");
    private static readonly Guid PoliTicketId = Guid.Parse("0193a1b2-0000-7000-8000-0000000000b1");

    public static TicketData Ticket => new()
    {
        TicketId = TicketId,
        Number = "A-001",
        ServiceCode = "UMUM",
        BusinessDay = new DateOnly(2026, 3, 2),
        State = TicketState.Called,
        PrintState = PrintState.Printed,
        Category = PatientCategory.Baru,
        Payer = Payer.Bpjs,
        Priority = PriorityKind.IbuHamil,
        IsEmergency = false,
        FamilySize = 1,
        CounterId = "1",
        CallCount = 1,
        IssuedAt = Issued,
        CalledAt = Called,
        FinishedAt = null,
        TransferredFrom = null,
        TransferredFromNumber = null,
        TransferredTo = null,
        HasCardData = true,
        QueuePosition = null,
        PatientToken = "3q2-7wX9aLp0Zr5NvT8bQA",
    };

    private static BpjsRequest BpjsCardRequest => new() { Type = BpjsRequestType.Card, RequestId = "5f0c2a7e9b8d4c1fa3e6d2b7c4a1f0e9", TicketId = TicketId };

    /// <summary>Name → (schema in docs/asyncapi.yaml, wire bytes).</summary>
    public static IReadOnlyDictionary<string, (string Schema, byte[] Bytes)> All { get; } = new Dictionary<string, (string, byte[])>
    {
        ["event-ticket-called"] = ("TicketEvent", Event(7, EventTypes.TicketCalled, ContractJson.Serialize(Ticket))),
        ["event-ticket-returned"] = ("TicketEvent", Event(8, EventTypes.TicketReturned, ContractJson.Serialize(Ticket with
        {
            State = TicketState.Waiting, CounterId = "1", CallCount = 0, QueuePosition = 2,
        }))),
        ["event-day-opened"] = ("DayEvent", Event(1, EventTypes.DayOpened, ContractJson.Serialize(new DayData(new DateOnly(2026, 3, 2), 0)))),
        ["event-counter-paused"] = ("CounterEvent", Event(9, EventTypes.CounterPaused, ContractJson.Serialize(new CounterData("2", true, null)))),
        ["event-day-recap"] = ("DayRecapEvent", Event(42, EventTypes.DayRecap, ContractJson.Serialize(Recap))),
        ["state"] = ("StateSnapshot", ContractJson.SerializeToUtf8Bytes(State)),
        ["status-online"] = ("KioskStatus", ContractJson.SerializeToUtf8Bytes(new KioskStatus
        {
            KioskId = "kiosk-1", Online = true, Printer = PrinterCondition.PaperLow, Message = "Kertas printer hampir habis",
            UnprintedTickets = 0, At = new DateTimeOffset(2026, 3, 2, 8, 0, 5, Wib), HeartbeatSeconds = 60,
        })),
        ["status-will"] = ("KioskStatus", ContractJson.SerializeToUtf8Bytes(KioskStatus.Offline("kiosk-1", new DateTimeOffset(2026, 3, 2, 7, 0, 0, Wib), "Kiosk tidak terhubung"))),
        ["command-emergency"] = ("CounterCommand", ContractJson.SerializeToUtf8Bytes(new CounterCommandMessage
        {
            CommandId = "loket3-0001", Type = CommandType.Emergency, SentAt = Issued, Service = "UGD", Category = PatientCategory.Baru,
            Payer = Payer.Umum, Priority = PriorityKind.Lansia, FamilySize = 1, Reason = "Pasien kecelakaan",
        })),
        ["command-issue"] = ("CounterCommand", ContractJson.SerializeToUtf8Bytes(new CounterCommandMessage
        {
            CommandId = "loket1-0003", Type = CommandType.Issue, SentAt = Issued, Service = "UMUM", Reason = "Kertas printer kiosk habis",
        })),
        ["reply-transfer"] = ("CounterReply", ContractJson.SerializeToUtf8Bytes(new CounterReply
        {
            CommandId = "loket1-0002", CounterId = "1", Type = CommandType.Transfer, Ok = true, Message = "A-001 diteruskan ke Poli Gigi dan Mulut dengan nomor G-001.",
            ErrorCode = null,
            Ticket = new ReplyTicket(Ticket with { State = TicketState.Transferred, FinishedAt = Called.AddMinutes(5), TransferredTo = PoliTicketId },
                new CardData(CardKind.Bpjs, "0001234567890")),
            NewTicket = new ReplyTicket(Ticket with
            {
                TicketId = PoliTicketId, Number = "G-001", ServiceCode = "P-GIGI", State = TicketState.Waiting, PrintState = PrintState.NotRequired,
                CounterId = null, CallCount = 0, CalledAt = null, TransferredFrom = TicketId, TransferredFromNumber = "A-001", QueuePosition = 0,
                PatientToken = "Zm9vYmFyYmF6cXV4cXV1eA",
            }, new CardData(CardKind.Bpjs, "0001234567890")),
        })),
        ["reply-refused"] = ("CounterReply", ContractJson.SerializeToUtf8Bytes(CounterReply.Refused("loket1-0003", "1", CommandType.Serve,
            ErrorCode.ClockSkew, "Perintah tidak dijalankan: jam PC loket selisih 5 menit lebih lambat dari jam kiosk (atau perintah tertunda selama itu). Periksa jam PC loket, lalu tekan lagi."))),
        ["bpjs-request-card"] = ("BpjsRequest", ContractJson.SerializeToUtf8Bytes(BpjsCardRequest)),
        ["bpjs-reply-card"] = ("BpjsReply", ContractJson.SerializeToUtf8Bytes(BpjsReply.WithCard(BpjsCardRequest, new CardData(CardKind.Bpjs, "0001234567890"), "Nomor kartu tiket dikirim."))),
        ["bpjs-reply-refused"] = ("BpjsReply", ContractJson.SerializeToUtf8Bytes(BpjsReply.Refused("5f0c2a7e9b8d4c1fa3e6d2b7c4a1f0ea", BpjsRequestType.Card, TicketId, BpjsErrorCode.NotJkn,
            "Tiket ini bukan pasien JKN (pasien umum atau kartu berobat), jadi tidak dilaporkan ke BPJS."))),
        ["event-ticket-booked"] = ("TicketBookedEvent", Event(11, EventTypes.TicketBooked, ContractJson.Serialize(new BookingData
        {
            TicketId = TicketId, Number = "A-012", ServiceCode = "UMUM", BusinessDay = new DateOnly(2026, 3, 2), Payer = Payer.Bpjs,
            BookedAt = new DateTimeOffset(2026, 3, 2, 6, 10, 0, Wib),
        }))),
        ["event-ticket-checked-in"] = ("TicketEvent", Event(12, EventTypes.TicketCheckedIn, ContractJson.Serialize(Ticket with
        {
            Number = "A-012", State = TicketState.Waiting, PrintState = PrintState.Pending, Category = PatientCategory.Unknown,
            Priority = PriorityKind.None, CounterId = null, CallCount = 0, CalledAt = null, HasCardData = true, QueuePosition = 3, MobileJkn = true,
        }))),
        ["bpjs-request-book"] = ("BpjsRequest", ContractJson.SerializeToUtf8Bytes(BpjsBookRequest)),
        ["bpjs-reply-booking"] = ("BpjsReply", ContractJson.SerializeToUtf8Bytes(BpjsReply.WithBooking(BpjsBookRequest, Booking, "Booking Mobile JKN dicatat: nomor A-012 untuk tanggal 02-03-2026."))),
        ["bpjs-reply-queue"] = ("BpjsReply", ContractJson.SerializeToUtf8Bytes(BpjsReply.WithQueue(
            new BpjsRequest { Type = BpjsRequestType.QueueStatus, RequestId = "7a1c0d9e3b2f4e6a8c5d1f0b9e7a3c2d", TicketId = Guid.Empty, ServiceCode = "UMUM", VisitDate = new DateOnly(2026, 3, 2) },
            new BpjsQueueStatus { ServiceCode = "UMUM", VisitDate = new DateOnly(2026, 3, 2), Total = 20, Remaining = 8, NowCalling = "A-012" },
            "Antrean Pendaftaran Umum: 8 nomor belum dipanggil."))),
        ["bpjs-status-clear"] = ("BpjsBridgeStatus", ContractJson.SerializeToUtf8Bytes(new BpjsBridgeStatus
        {
            At = Issued, Backlog = 0, OldestWaitingSince = null, BacklogText = null, Refused = [], RefusedToday = 0,
        })),
        ["bpjs-status-backlog"] = ("BpjsBridgeStatus", ContractJson.SerializeToUtf8Bytes(new BpjsBridgeStatus
        {
            At = Called, Backlog = 12, OldestWaitingSince = new DateTimeOffset(2026, 3, 2, 8, 14, 0, Wib),
            BacklogText = "12 laporan BPJS menunggu koneksi sejak 08.14",
            Refused = [new BpjsRefusedTicket(TicketId, "A-001", "Nomor kartu peserta tidak ditemukan")], RefusedToday = 1,
        })),
        ["bpjs-status-not-running"] = ("BpjsBridgeStatus", ContractJson.SerializeToUtf8Bytes(BpjsBridgeStatus.Offline(Issued))),
    };

    private static BpjsRequest BpjsBookRequest => new()
    {
        Type = BpjsRequestType.Book, RequestId = "3e9b1f7c2a0d4b8e9c6a5f1d2e7b0c4a", TicketId = TicketId, ServiceCode = "UMUM",
        VisitDate = new DateOnly(2026, 3, 2), CardNumber = "0001234567890", Nik = "3501010101010001", Reason = null,
    };

    private static BpjsBooking Booking => new()
    {
        TicketId = TicketId, Number = "A-012", SequenceNumber = 12, ServiceCode = "UMUM", VisitDate = new DateOnly(2026, 3, 2),
        BookingCode = "20260302A012", State = TicketState.Waiting, CheckedIn = false, WaitingAhead = 3, NowCalling = "A-008",
    };

    private static StateSnapshot State => new()
    {
        Site = "pkm-kokop",
        BusinessDay = new DateOnly(2026, 3, 2),
        DayClosed = false,
        Sequence = 7,
        Services =
        [
            new ServiceState
            {
                ServiceCode = "UMUM", Name = "Pendaftaran Umum", IsPoli = false, WaitingCount = 1, LastNumber = "A-002",
                Waiting =
                [
                    new WaitingTicket
                    {
                        TicketId = Guid.Parse("0193a1b2-0000-7000-8000-0000000000a2"), Number = "A-002", IssuedAt = Issued.AddSeconds(70),
                        PrintState = PrintState.Printed, Priority = PriorityKind.None, Category = PatientCategory.Lama, Payer = Payer.Umum,
                        FamilySize = 3, TransferredFrom = null, TransferredFromNumber = null, PatientToken = "b7Yx_2kQ9mR4tW1zLp8sNA",
                    },
                ],
            },
        ],
        Counters =
        [
            new CounterState
            {
                CounterId = "1", Name = "Loket 1", Paused = false, Services = ["UMUM", "PRIO"], CalledToday = 1,
                NowServing = new NowServing
                {
                    TicketId = TicketId, Number = "A-001", ServiceCode = "UMUM", Since = Called, CallCount = 1,
                    Category = PatientCategory.Lama, Payer = Payer.Bpjs, Priority = PriorityKind.None, FamilySize = 1,
                },
            },
        ],
        LastCalls = [new LastCall { TicketId = TicketId, Number = "A-001", ServiceCode = "UMUM", CounterId = "1", CalledAt = Called, CallCount = 1 }],
    };

    private static DayRecapData Recap
    {
        get
        {
            var times = new RecapTimes(1, 420, 420, 1, 300.5, 300.5, 1);
            return new DayRecapData
            {
                Site = "pkm-kokop", BusinessDay = new DateOnly(2026, 3, 2), Issued = 2, Visitors = 3, Served = 1, NoShow = 0, Transferred = 0,
                Cancelled = 0, Expired = 1, Voided = 0, Emergency = 0,
                ByCategory = [new("baru", 1), new("lama", 1)], ByPayer = [new("bpjs", 2), new("umum", 0)], ByPriority = [new("none", 2)],
                Overall = times,
                Services = [new RecapService("UMUM", "Pendaftaran Umum", false, 300, 2, 1, 0, 0, 0, 1, 0, times)],
                Hours = [new RecapHour(8, 2, 1, 420, 300.5)],
                BusiestHour = 8,
            };
        }
    }

    private static byte[] Event(long sequence, string type, string data) => EventEnvelope.Encode(
        Guid.Parse($"0193a1b2-0000-7000-8000-{sequence:D12}"), sequence, type, Called, "pkm-kokop", data);

    public static JsonElement Element(byte[] bytes) => JsonDocument.Parse(bytes).RootElement.Clone();
}
