using System.Text.Json;
using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Contract.State;
using Kiosk.Contract.Status;
using Kiosk.Contract.Topics;
using Kiosk.Screens.Views;

namespace Kiosk.Screens.Sessions;

/// <summary>
/// The one place the screens read and write the MQTT wire, through the contract's types and its one serializer
/// (Kiosk.Contract); everything else works on the view records. A payload that does not read as the contract is
/// refused here (false): the caller logs it and keeps the view it had.
/// </summary>
public sealed class WireAdapter(string site)
{
    public SiteTopics Topics { get; } = new(site);

    public static bool TryReadState(ReadOnlyMemory<byte> payload, Func<string, int> sopMinutes, out WireSnapshot? snapshot)
    {
        ArgumentNullException.ThrowIfNull(sopMinutes);
        try
        {
            var state = ContractJson.Deserialize<StateSnapshot>(payload.Span);
            var services = state.Services.Select(s => new ViewService(s.ServiceCode, s.Name, s.IsPoli, s.WaitingCount, sopMinutes(s.ServiceCode),
                s.Waiting.Where(t => t.PrintState is PrintState.Printed or PrintState.NotRequired).Select(t => new ViewTicket(
                    t.Number, s.ServiceCode, t.IssuedAt, Name(t.Priority), Name(t.Category), Name(t.Payer), t.FamilySize, t.TransferredFromNumber, null, 0)).ToList())).ToList();
            var counters = state.Counters.Select(c => new ViewCounter(c.CounterId, c.Name, c.Paused, c.NowServing is { } n
                ? new ViewTicket(n.Number, n.ServiceCode, null, Name(n.Priority ?? PriorityKind.None), Name(n.Category ?? PatientCategory.Unknown),
                    Name(n.Payer ?? Payer.Unknown), n.FamilySize ?? 1, null, n.Since, n.CallCount)
                : null, [.. c.Services], c.CalledToday)).ToList();
            var calls = state.LastCalls.Select(c => new ViewCall(c.Number, c.ServiceCode, c.CounterId, "", c.CalledAt, c.CallCount)).ToList();
            snapshot = new WireSnapshot(state.BusinessDay?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), state.DayClosed, state.Sequence, services, counters, calls);
            return true;
        }
        catch (Exception ex) when (Unreadable(ex))
        {
            snapshot = null;
            return false;
        }
    }

    public static bool TryReadEvent(ReadOnlyMemory<byte> payload, out WireEvent? wireEvent)
    {
        try
        {
            var envelope = ContractJson.Deserialize<EventEnvelope>(payload.Span);
            ViewTicket? ticket = null;
            string? counterId = null;
            var transferIn = false;
            if (EventTypes.DataKind(envelope.Type) == typeof(TicketData))
            {
                var data = envelope.ReadData<TicketData>();
                ticket = Ticket(data);
                counterId = data.CounterId;
                transferIn = data.TransferredFrom is not null;
            }

            wireEvent = new WireEvent(envelope.EventId.ToString(), envelope.Sequence, envelope.Type, envelope.OccurredAt, ticket, counterId, transferIn);
            return true;
        }
        catch (Exception ex) when (Unreadable(ex))
        {
            wireEvent = null;
            return false;
        }
    }

    public static bool TryReadStatus(ReadOnlyMemory<byte> payload, out KioskCondition? kiosk)
    {
        try
        {
            var status = ContractJson.Deserialize<KioskStatus>(payload.Span);
            ArgumentException.ThrowIfNullOrEmpty(status.KioskId);
            kiosk = new KioskCondition(status.KioskId, status.Online, status.Printer, status.UnprintedTickets, status.At, status.HeartbeatSeconds);
            return true;
        }
        catch (Exception ex) when (Unreadable(ex))
        {
            kiosk = null;
            return false;
        }
    }

    /// <summary>Reads a counter reply: the answer for the officer, and the card the ticket carries (only this topic has it).</summary>
    public static bool TryReadReply(ReadOnlyMemory<byte> payload, out CommandAnswer? answer, out LoketCard? card)
    {
        try
        {
            var reply = ContractJson.Deserialize<CounterReply>(payload.Span);
            var ticket = reply.Ticket is { } t ? Ticket(t) : null;
            card = reply.Ticket?.CardData is { } c ? new LoketCard(reply.Ticket.Number, Name(c.Kind), c.Number) : null;
            answer = new CommandAnswer(reply.CommandId, reply.Ok, reply.Message, reply.ErrorCode is { } e ? Name(e) : null, ticket, reply.NewTicket is { } n ? Ticket(n) : null);
            return true;
        }
        catch (Exception ex) when (Unreadable(ex))
        {
            answer = null;
            card = null;
            return false;
        }
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

    /// <summary>
    /// What reading a payload from the broker may throw, all of it "not the contract": broken JSON, text that is not
    /// UTF-8 or holds a lone surrogate (<see cref="InvalidOperationException"/>), and a member null where the contract
    /// says it never is, which the mapping above meets as a <see cref="NullReferenceException"/> or
    /// <see cref="ArgumentNullException"/>. A session's read loop serves a loket or the display; it must never end on one.
    /// </summary>
    private static bool Unreadable(Exception exception) =>
        exception is JsonException or InvalidOperationException or ArgumentException or FormatException or OverflowException or NotSupportedException or NullReferenceException;

    private static ViewTicket Ticket(TicketData t) => new(t.Number, t.ServiceCode, t.IssuedAt, Name(t.Priority), Name(t.Category), Name(t.Payer),
        t.FamilySize, t.TransferredFromNumber, t.CalledAt, t.CallCount);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
