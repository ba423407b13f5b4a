using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Kiosk.Contract.Json;

namespace Kiosk.Contract.Commands;

/// <summary>
/// Reads a command payload as the schema in docs/asyncapi.yaml describes it. Anything else becomes a
/// <see cref="CommandRefusal"/> with a Bahasa Indonesia reason and the command id and type echoed whenever readable.
/// </summary>
public static class CommandReader
{
    private const int MaxEchoLength = 40;

    private static readonly Dictionary<string, CommandType> Types = Enum.GetValues<CommandType>()
        .ToDictionary(t => JsonNamingPolicy.KebabCaseLower.ConvertName(t.ToString()), StringComparer.Ordinal);

    /// <summary>The accepted values of <c>type</c>, in document order.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = [.. Types.Keys];

    public static string Name(CommandType type) => TypeNames[(int)type];

    /// <summary>The command type named on the wire (<c>call-next</c>, <c>no-show</c>...).</summary>
    public static bool TryParseType(string text, out CommandType type) => Types.TryGetValue(text, out type);

    public static bool TryRead(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out CounterCommandMessage? command, [NotNullWhen(false)] out CommandRefusal? refusal)
    {
        command = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToArray());
        }
        catch (JsonException ex)
        {
            refusal = new(null, null, ErrorCode.BadCommand, "Perintah tidak dapat dibaca: isinya bukan JSON yang sah.", ex.Message);
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                refusal = new(null, null, ErrorCode.BadCommand, "Perintah harus berupa objek JSON.", $"root is {root.ValueKind}");
                return false;
            }

            var commandId = root.TryGetProperty("commandId", out var id) && id.ValueKind == JsonValueKind.String
                && id.GetString() is { Length: > 0 and <= CounterCommandMessage.MaxCommandIdLength } text && !string.IsNullOrWhiteSpace(text)
                ? text : null;
            var typeText = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            CommandType? type = typeText is not null && Types.TryGetValue(typeText, out var known) ? known : null;

            if (root.TryGetProperty("contractVersion", out var version) && version.ValueKind != JsonValueKind.Null
                && (version.ValueKind != JsonValueKind.String || !ContractVersion.IsSupported(version.GetString())))
            {
                refusal = new(commandId, type, ErrorCode.UnsupportedVersion,
                    $"Versi kontrak perintah tidak didukung. Kiosk memakai versi {ContractVersion.Current}; perbarui aplikasi loket.",
                    $"contractVersion {version.GetRawText()}");
                return false;
            }

            if (commandId is null)
            {
                refusal = new(null, type, ErrorCode.BadCommand,
                    $"commandId wajib diisi (maksimal {CounterCommandMessage.MaxCommandIdLength} karakter) agar perintah tidak dijalankan dua kali.",
                    "commandId missing, not a string, blank or too long");
                return false;
            }

            if (type is null)
            {
                var shown = typeText is null ? "(kosong)" : $"'{Shorten(typeText)}'";
                refusal = new(commandId, null, ErrorCode.BadCommand,
                    $"Jenis perintah {shown} tidak dikenal. Gunakan: {string.Join(", ", TypeNames)}.",
                    $"type {(t.ValueKind == JsonValueKind.Undefined ? "missing" : t.GetRawText())}");
                return false;
            }

            CounterCommandMessage? message;
            try
            {
                message = root.Deserialize(ContractJson.TypeInfo<CounterCommandMessage>());
            }
            catch (JsonException ex)
            {
                var field = FieldOf(ex.Path);
                refusal = new(commandId, type, ErrorCode.BadCommand,
                    field is null ? "Isi perintah tidak sesuai format." : $"Isian '{field}' pada perintah tidak valid.", ex.Message);
                return false;
            }

            if (message is null)
            {
                refusal = new(commandId, type, ErrorCode.BadCommand, "Perintah kosong.", "null command");
                return false;
            }

            if (message.FamilySize is < 1 or > 20)
            {
                refusal = new(commandId, type, ErrorCode.BadCommand,
                    $"Jumlah anggota keluarga {message.FamilySize.Value.ToString(CultureInfo.InvariantCulture)} tidak valid (1-20).", "familySize out of range");
                return false;
            }

            command = message;
            refusal = null;
            return true;
        }
    }

    private static string Shorten(string text) => text.Length <= MaxEchoLength ? text : text[..MaxEchoLength] + "…";

    /// <summary>"$.familySize" → "familySize"; only a plain top-level member name is shown to the officer.</summary>
    private static string? FieldOf(string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }

        var name = path[2..];
        return name.Length is > 0 and <= MaxEchoLength && name.All(char.IsAsciiLetterOrDigit) ? name : null;
    }
}
