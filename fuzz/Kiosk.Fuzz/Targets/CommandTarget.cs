using Kiosk.Contract.Commands;

namespace Kiosk.Fuzz.Targets;

/// <summary>A loket command payload as the kiosk receives it from the broker: exactly one of command or refusal, never a throw.</summary>
internal static class CommandTarget
{
    public static void Run(byte[] input)
    {
        var accepted = CommandReader.TryRead(input, out var command, out var refusal);
        if (accepted != command is not null || accepted == refusal is not null)
        {
            throw new FuzzInvariantException($"TryRead returned {accepted} with command {command is not null} and refusal {refusal is not null}.");
        }

        if (refusal is not null && string.IsNullOrWhiteSpace(refusal.Message))
        {
            throw new FuzzInvariantException("A refusal without a message for the officer.");
        }
    }
}
