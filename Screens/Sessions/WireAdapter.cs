using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Kiosk.Contract;
using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Contract.Reading;
using Kiosk.Contract.State;
using Kiosk.Contract.Topics;
using Kiosk.Screens.Views;

namespace Kiosk.Screens.Sessions;

/// <summary>
/// The one place the screens read and write the MQTT wire: reading goes through the contract's reader
/// (<see cref="WireReader"/>), writing through its one serializer; everything else works on the view records. A payload
/// that does not read as the contract is refused (false): the caller logs it and keeps the view it had.
/// </summary>
public sealed class WireAdapter(string site)
{
    public SiteTopics Topics { get; } = new(site);

    public static bool TryReadState(ReadOnlyMemory<byte> payload, Func<string, int> sopMinutes, [NotNullWhen(true)] out WireSnapshot? snapshot)
    {
        ArgumentNullException.ThrowIfNull(sopMinutes);
        if (!WireReader.TryReadState(payload.Span, out var state))
        {
            snapshot = null;
            return false;
        }

        var services = state.Services.Select(s => new ViewService(s.ServiceCode, s.Name, s.IsPoli, s.WaitingCount, sopMinutes(s.ServiceCode),
            s.Waiting.Where(t => t.PrintState is PrintState.Printed or PrintState.NotRequired).Select(t => new ViewTicket(
                t.Number, s.ServiceCode, t.IssuedAt, Name(t.Priority), Name(t.Category), Name(t.Payer), t.FamilySize, t.TransferredFromNumber, null, 0, t.TicketId)).ToList())).ToList();
        var counters = state.Counters.Select(c => new ViewCounter(c.CounterId, c.Name, c.Paused, c.NowServing is { } n
            ? new ViewTicket(n.Number, n.ServiceCode, null, Name(n.Priority ?? PriorityKind.None), Name(n.Category ?? PatientCategory.Unknown),
                Name(n.Payer ?? Payer.Unknown), n.FamilySize ?? 1, null, n.Since, n.CallCount, n.TicketId)
            : null, [.. c.Services], c.CalledToday)).ToList();
        var calls = state.LastCalls.Select(c => new ViewCall(c.Number, c.ServiceCode, c.CounterId, "", c.CalledAt, c.CallCount)).ToList();
        snapshot = new WireSnapshot(state.BusinessDay?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), state.DayClosed, state.Sequence, services, counters, calls);
        return true;
    }

    /// <summary>An event; a ticket event whose data does not read as a ticket is refused (the view could not place it).</summary>
    public static bool TryReadEvent(ReadOnlyMemory<byte> payload, [NotNullWhen(true)] out WireEvent? wireEvent)
    {
        wireEvent = null;
        if (!WireReader.TryReadEvent(payload.Span, out var envelope))
        {
            return false;
        }

        ViewTicket? ticket = null;
        string? counterId = null;
        var transferIn = false;
        if (EventTypes.DataKind(envelope.Type) == typeof(TicketData))
        {
            if (!WireReader.TryReadData<TicketData>(envelope, out var data))
            {
                return false;
            }

            ticket = Ticket(data);
            counterId = data.CounterId;
            transferIn = data.TransferredFrom is not null;
        }

        wireEvent = new WireEvent(envelope.EventId.ToString(), envelope.Sequence, envelope.Type, envelope.OccurredAt, ticket, counterId, transferIn);
        return true;
    }

    public static bool TryReadStatus(ReadOnlyMemory<byte> payload, [NotNullWhen(true)] out KioskCondition? kiosk)
    {
        kiosk = WireReader.TryReadStatus(payload.Span, out var status)
            ? new KioskCondition(status.KioskId, status.Online, status.Printer, status.UnprintedTickets, status.At, status.HeartbeatSeconds)
            : null;
        return kiosk is not null;
    }

    /// <summary>The BPJS bridge's status; false (with the reason for the log) for anything that is not one.</summary>
    public static bool TryReadBpjsStatus(ReadOnlyMemory<byte> payload, [NotNullWhen(true)] out BpjsBridgeStatus? status, [NotNullWhen(false)] out string? why) =>
        BpjsBridgeStatusReader.TryRead(payload.Span, out status, out why);

    /// <summary>Reads a counter reply: the answer for the officer, and the card the ticket carries (only this topic has it).</summary>
    public static bool TryReadReply(ReadOnlyMemory<byte> payload, [NotNullWhen(true)] out CommandAnswer? answer, out LoketCard? card)
    {
        if (!WireReader.TryReadReply(payload.Span, out var reply))
        {
            answer = null;
            card = null;
            return false;
        }

        var ticket = reply.Ticket is { } t ? Ticket(t) : null;
        card = reply.Ticket?.CardData is { } c ? new LoketCard(reply.Ticket.Number, Name(c.Kind), c.Number) : null;
        answer = new CommandAnswer(reply.CommandId, reply.Ok, reply.Message, reply.ErrorCode is { } e ? Name(e) : null, ticket, reply.NewTicket is { } n ? Ticket(n) : null);
        return true;
    }

    /// <summary>
    /// The contract's command for a checked page request. Enum words from the page are read by the contract's own
    /// serializer, so a word the contract does not know is refused here with <paramref name="error"/>.
    /// </summary>
    public static byte[]? WriteCommand(string commandId, LoketCommandRequest request, DateTimeOffset sentAt, out string? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        error = null;
        if (!TryParse<CommandType>(request.Type, out var type) || type is null)
        {
            error = Text.Teks.UnknownType(request.Type);
            return null;
        }

        if (!TryParse<PatientCategory>(request.Category, out var category) || !TryParse<Payer>(request.Payer, out var payer) || !TryParse<PriorityKind>(request.Priority, out var priority))
        {
            error = Text.Teks.BadChoice;
            return null;
        }

        return ContractJson.SerializeToUtf8Bytes(new CounterCommandMessage
        {
            CommandId = commandId,
            Type = type.Value,
            SentAt = sentAt,
            TicketNumber = Blank(request.TicketNumber),
            Poli = Blank(request.Poli),
            Service = Blank(request.Service),
            Category = category,
            Payer = payer,
            Priority = priority,
            FamilySize = request.FamilySize,
            Reason = Blank(request.Reason),
        });
    }

    /// <summary>The contract's spelling of an enum value ("ibu-hamil", "no-show") for the pages.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => ContractJson.Serialize(value).Trim('"');

    private static bool TryParse<T>(string? word, out T? value)
        where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(word))
        {
            return true;
        }

        try
        {
            value = JsonSerializer.Deserialize(JsonSerializer.Serialize(word), ContractJson.TypeInfo<T>());
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ViewTicket Ticket(TicketData t) => new(t.Number, t.ServiceCode, t.IssuedAt, Name(t.Priority), Name(t.Category), Name(t.Payer),
        t.FamilySize, t.TransferredFromNumber, t.CalledAt, t.CallCount, t.TicketId);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
