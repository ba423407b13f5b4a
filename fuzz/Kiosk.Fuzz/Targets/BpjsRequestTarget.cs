using Kiosk.Contract.Bpjs;

namespace Kiosk.Fuzz.Targets;

/// <summary>
/// The private BPJS channel as each end reads it: a request as the kiosk receives it (exactly one of request or refusal,
/// a refusal always with a message) and a reply as the bridge receives it (an answer or nothing, never a throw).
/// </summary>
internal static class BpjsRequestTarget
{
    public static void Run(byte[] input)
    {
        var accepted = BpjsReader.TryReadRequest(input, out var request, out var refusal);
        if (accepted != request is not null || accepted == refusal is not null)
        {
            throw new FuzzInvariantException($"TryReadRequest returned {accepted} with request {request is not null} and refusal {refusal is not null}.");
        }

        if (refusal is not null && string.IsNullOrWhiteSpace(refusal.Message))
        {
            throw new FuzzInvariantException("A refusal without a message.");
        }

        _ = BpjsReader.TryReadReply(input, out _);
    }
}
