using System.Globalization;
using Kiosk.Bpjs.Outbox;
using Kiosk.Bpjs.Reporting;
using Kiosk.Contract;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Contract.Reading;

namespace Kiosk.Bpjs.Bench;

/// <summary>
/// What the bridge's outbox holds after a busy morning's two hours without internet: for each JKN ticket of those
/// hours its tambah and, for most, the panggil of the patient served (or not there) or the batal of a cancel, made by
/// the bridge's own <see cref="ReportMapper"/> from the kiosk's events and stored with the outbox's own commits.
/// </summary>
internal sealed class OutageBacklog
{
    /// <summary>The services the bench's tickets belong to, with BPJS's poli codes (the double lists 001-003).</summary>
    public const string PoliMap = "P-UMUM=001,P-GIGI=002,P-KIA=003";

    private static readonly string[] Services = ["P-UMUM", "P-UMUM", "P-UMUM", "P-GIGI", "P-KIA"];

    /// <summary>07.00 WIB on the day: the outage starts at opening and lasts two hours.</summary>
    private static readonly DateTimeOffset Opening = new(2026, 12, 7, 7, 0, 0, TimeSpan.FromHours(7));

    private OutageBacklog(IReadOnlyDictionary<Guid, string> cards, int reports)
    {
        Cards = cards;
        Reports = reports;
    }

    /// <summary>Each ticket's BPJS card number, as the kiosk keeps it for the day (the bench's kiosk answers with it).</summary>
    public IReadOnlyDictionary<Guid, string> Cards { get; }

    /// <summary>Reports stored: every one of them is due to BPJS.</summary>
    public int Reports { get; }

    public static OutageBacklog Fill(string outboxPath, string site, int tickets)
    {
        var mapper = new ReportMapper(new Dictionary<string, string>(
            PoliMap.Split(',').Select(p => p.Split('=')).Select(p => KeyValuePair.Create(p[0], p[1])), StringComparer.Ordinal));
        var cards = new Dictionary<Guid, string>();
        var stored = 0;
        long sequence = 0;
        var perService = new Dictionary<string, int>(StringComparer.Ordinal);
        using var outbox = ReportOutbox.Open(outboxPath, TimeProvider.System);
        for (var i = 0; i < tickets; i++)
        {
            var service = Services[i % Services.Length];
            perService[service] = perService.GetValueOrDefault(service) + 1;
            // Two hours of arrivals, evenly; each patient is done (or gone) 20 minutes after the number.
            var issued = Opening.AddSeconds(7200.0 * i / tickets);
            var ticket = Ticket(service, perService[service], issued);
            cards[ticket.TicketId] = string.Create(CultureInfo.InvariantCulture, $"{1_000_000_000_000L + i:0000000000000}");
            var steps = new List<(string Type, DateTimeOffset At)> { (EventTypes.TicketPrinted, issued) };
            // Of every 20 patients: one cancelled, one not there when called, the rest served.
            steps.Add((i % 20) switch
            {
                7 => (EventTypes.TicketCancelled, issued.AddMinutes(20)),
                13 => (EventTypes.TicketNoShow, issued.AddMinutes(20)),
                _ => (EventTypes.TicketServed, issued.AddMinutes(20)),
            });
            foreach (var (type, at) in steps)
            {
                var bytes = EventEnvelope.Encode(Guid.NewGuid(), ++sequence, type, at, site, ContractJson.Serialize(ticket));
                BenchRun.Require(WireReader.TryReadEvent(bytes, out var envelope), "the bench wrote an event the contract does not read");
                if (mapper.Map(envelope!) is not MapDecision.Report report)
                {
                    throw new BenchFailure($"the bridge's mapper reports nothing for {type} of {ticket.Number}");
                }

                BenchRun.Require(outbox.Add(report.Planned) == AddResult.Added, $"the outbox did not take {type} of {ticket.Number}");
                stored++;
            }
        }

        return new OutageBacklog(cards, stored);
    }

    private static TicketData Ticket(string service, int number, DateTimeOffset issued) => new()
    {
        TicketId = Guid.NewGuid(),
        Number = string.Create(CultureInfo.InvariantCulture, $"{service[2]}-{number:000}"),
        ServiceCode = service,
        BusinessDay = DateOnly.FromDateTime(issued.Date),
        State = TicketState.Waiting,
        PrintState = PrintState.Pending,
        Category = PatientCategory.Lama,
        Payer = Payer.Bpjs,
        Priority = PriorityKind.None,
        IsEmergency = false,
        FamilySize = 1,
        CounterId = null,
        CallCount = 0,
        IssuedAt = issued,
        CalledAt = null,
        FinishedAt = null,
        TransferredFrom = null,
        TransferredFromNumber = null,
        TransferredTo = null,
        HasCardData = true,
        QueuePosition = 0,
    };
}
