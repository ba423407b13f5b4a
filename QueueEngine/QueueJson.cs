using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;

namespace Kiosk.Queue;

/// <summary>
/// The JSON of stored command answers inside the ticket log (storage, never the wire: wire payloads use
/// <see cref="Kiosk.Contract.Json.ContractJson"/>). Source-generated (<see cref="QueueJsonContext"/>), so the kiosk
/// publishes Native AOT without reflection.
/// </summary>
public static class QueueJson
{
    // Enums as their member names ("IbuHamil", "NoShow"), as stored since schema 1: a converter in the options outranks
    // the contract's kebab-case attribute on its enums, so stored answers keep one spelling and old rows still read.
    // One generic converter per enum a CommandResult holds (the non-generic factory needs reflection at run time);
    // QueueJsonTests checks that every enum of the answer is in this list.
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        TypeInfoResolver = QueueJsonContext.Default,
        Converters =
        {
            new JsonStringEnumConverter<CommandType>(),
            new JsonStringEnumConverter<ErrorCode>(),
            new JsonStringEnumConverter<PatientCategory>(),
            new JsonStringEnumConverter<Payer>(),
            new JsonStringEnumConverter<PriorityKind>(),
            new JsonStringEnumConverter<TicketState>(),
            new JsonStringEnumConverter<PrintState>(),
            new JsonStringEnumConverter<TicketSource>(),
            new JsonStringEnumConverter<CardKind>(),
        },
    };

    /// <summary>A stored counter answer (<c>processed_commands.result</c>).</summary>
    public static JsonTypeInfo<CommandResult> CommandResult { get; } = (JsonTypeInfo<CommandResult>)Options.GetTypeInfo(typeof(CommandResult));
}
