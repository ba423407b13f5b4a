using System.Diagnostics.CodeAnalysis;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Results;

namespace Kiosk.Device.Messaging;

/// <summary>
/// Turns a command payload (read by the contract's <see cref="CommandReader"/>) into a queue engine command. Refusals
/// carry the command id and type whenever they could be read. The clock rule is the handler's (<c>CommandClock</c>):
/// a command id that already ran gets its stored reply whatever its <c>sentAt</c>.
/// </summary>
public static class CounterCommands
{
    public static bool TryParse(ReadOnlySpan<byte> payload, string counterId,
        [NotNullWhen(true)] out CounterCommand? command, [NotNullWhen(true)] out CounterCommandMessage? message, [NotNullWhen(false)] out CommandRefusal? refusal)
    {
        command = null;
        if (!CommandReader.TryRead(payload, out message, out refusal))
        {
            return false;
        }

        command = new CounterCommand(message.CommandId, counterId, message.Type)
        {
            TicketNumber = message.TicketNumber,
            TicketId = message.TicketId,
            PoliCode = message.Poli,
            ServiceCode = message.Service,
            Category = message.Category ?? Kiosk.Contract.PatientCategory.Unknown,
            Payer = message.Payer ?? Kiosk.Contract.Payer.Unknown,
            Priority = message.Priority ?? Kiosk.Contract.PriorityKind.None,
            FamilySize = message.FamilySize ?? 1,
            Reason = message.Reason,
        };
        return true;
    }
}
