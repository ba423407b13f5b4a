using System.Text;
using System.Text.Json;
using Kiosk.Bpjs.Fktp;

namespace Kiosk.Fuzz.Targets;

/// <summary>
/// What the FKTP service reads from the internet: a body as "ambil antrean" and as "batal antrean" (exactly one of a
/// request or a problem, never a throw), the bytes as values of an address (card, poli, date) and as a token (never
/// valid: only the bridge's key makes one), and a refusal carrying the text written in BPJS's shape and read back intact.
/// </summary>
internal static class BpjsFktpTarget
{
    private static readonly FktpTokens Tokens = new(TimeSpan.FromMinutes(30), TimeProvider.System);

    public static void Run(byte[] input)
    {
        var ambil = FktpRequestReader.TryReadAmbil(input, out var request, out var problem);
        OneAnswer("ambil", ambil, request is not null, problem);
        var batal = FktpRequestReader.TryReadBatal(input, out var cancel, out problem);
        OneAnswer("batal", batal, cancel is not null, problem);

        var text = Encoding.UTF8.GetString(input);
        foreach (var part in text.Split('/', 4))
        {
            var card = FktpRequestReader.TryReadCard(part, out problem);
            OneAnswer("card", card, card, problem);
            var poli = FktpRequestReader.TryReadKodePoli(part, out problem);
            OneAnswer("poli", poli, poli, problem);
            var date = FktpRequestReader.TryReadDate(part, out _, out problem);
            OneAnswer("date", date, date, problem);
        }

        if (Tokens.IsValid(text, "mobilejkn"))
        {
            throw new FuzzInvariantException("bytes from outside passed as a token");
        }

        var answer = FktpAnswer.Refused(text);
        using var written = JsonDocument.Parse(answer.Body);
        if (written.RootElement.GetProperty("metadata").GetProperty("message").GetString() != text)
        {
            throw new FuzzInvariantException("the refusal's message did not survive BPJS's shape");
        }
    }

    private static void OneAnswer(string what, bool accepted, bool hasValue, string problem)
    {
        if (accepted != hasValue || accepted == problem.Length > 0)
        {
            throw new FuzzInvariantException($"{what}: accepted {accepted} with a value {hasValue} and problem '{problem}'");
        }
    }
}
