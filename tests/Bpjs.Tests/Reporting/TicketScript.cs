using Kiosk.Contract;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Contract.Reading;

namespace Kiosk.Bpjs.Tests.Reporting;

/// <summary>Events as the kiosk publishes them (contract bytes, gap-free sequence), for tickets the tests make up.</summary>
internal sealed class TicketScript(string site)
{
    /// <summary>08.15 WIB on 2 March 2026: the site's offset, as the kiosk writes every time.</summary>
    public static readonly DateTimeOffset Morning = new(2026, 3, 2, 8, 15, 0, TimeSpan.FromHours(7));

    private long sequence;

    public static TicketData Ticket(string number, string service = "P-UMUM", Payer payer = Payer.Bpjs, PrintState print = PrintState.Pending) => new()
    {
        TicketId = Guid.NewGuid(),
        Number = number,
        ServiceCode = service,
        BusinessDay = DateOnly.FromDateTime(Morning.Date),
        State = TicketState.Waiting,
        PrintState = print,
        Category = PatientCategory.Lama,
        Payer = payer,
        Priority = PriorityKind.None,
        IsEmergency = false,
        FamilySize = 1,
        CounterId = null,
        CallCount = 0,
        IssuedAt = Morning,
        CalledAt = null,
        FinishedAt = null,
        TransferredFrom = null,
        TransferredFromNumber = null,
        TransferredTo = null,
        HasCardData = payer == Payer.Bpjs,
        QueuePosition = 0,
    };

    /// <summary>The wire bytes of <paramref name="type"/> for <paramref name="ticket"/>, <paramref name="minutes"/> after 08.15.</summary>
    public byte[] Bytes(string type, TicketData ticket, int minutes = 0) =>
        EventEnvelope.Encode(Guid.NewGuid(), ++sequence, type, Morning.AddMinutes(minutes), site, ContractJson.Serialize(ticket));

    public EventEnvelope Event(string type, TicketData ticket, int minutes = 0) =>
        WireReader.TryReadEvent(Bytes(type, ticket, minutes), out var envelope) ? envelope : throw new InvalidOperationException("the script wrote an unreadable event");
}
