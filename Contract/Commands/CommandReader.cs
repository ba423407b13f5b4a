using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;
using Kiosk.Contract.Json;
using Kiosk.Contract.Text;

namespace Kiosk.Contract.Commands;

/// <summary>
/// Reads a command payload as the schema in docs/asyncapi.yaml describes it. Anything else becomes a
/// <see cref="CommandRefusal"/> with a Bahasa Indonesia reason and the command id and type echoed whenever readable.
/// </summary>
/// <remarks>
/// Total: every byte sequence gives a command or a refusal, never an exception. A throw here once left a command
/// unacknowledged, so the broker redelivered it forever and twenty of them filled every in-flight slot the kiosk's
/// session had: one hostile loket stopped all the others. The cases that used to throw are text that is not UTF-8 and
/// lone surrogate escapes (<c>"\ud800"</c>), which <see cref="JsonDocument"/> accepts but cannot turn into a string.
/// </remarks>
public static class CommandReader
{
    private const int MaxEchoLength = 40;

    private const string BrokenText = CommandTeks.BrokenText;

    /// <summary>A command is one flat object; a deeper payload is refused before it costs anything.</summary>
    private const int MaxDepth = 8;

    private static readonly Dictionary<string, CommandType> Types = Enum.GetValues<CommandType>()
        .ToDictionary(t => JsonNamingPolicy.KebabCaseLower.ConvertName(t.ToString()), StringComparer.Ordinal);

    // Two members of the same name would let the log and the engine read different values of one command.
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };
    private static readonly JsonDocumentOptions Lenient = new() { MaxDepth = MaxDepth };

    /// <summary>The accepted values of <c>type</c>, in document order.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = [.. Types.Keys];

    public static string Name(CommandType type) => TypeNames[(int)type];

    /// <summary>The command type named on the wire (<c>call-next</c>, <c>no-show</c>...).</summary>
    public static bool TryParseType(string text, out CommandType type) => Types.TryGetValue(text, out type);

    public static bool TryRead(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out CounterCommandMessage? command, [NotNullWhen(false)] out CommandRefusal? refusal)
    {
        command = null;
        if (!TryParse(payload, out var document, out refusal))
        {
            return false;
        }

        using (document)
        {
            try
            {
                return TryRead(document.RootElement, Utf8.IsValid(payload), out command, out refusal);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException or NotSupportedException)
            {
                // The checks below read every string they echo without throwing; this is the net under the serializer,
                // which may meet a member's text that cannot be decoded.
                command = null;
                refusal = new(null, null, ErrorCode.BadCommand, BrokenText, $"{ex.GetType().Name}: {ex.Message}");
                return false;
            }
        }
    }

    private static bool TryParse(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out CommandRefusal? refusal)
    {
        var bytes = payload.ToArray();
        try
        {
            document = JsonDocument.Parse(bytes, Strict);
            refusal = null;
            return true;
        }
        catch (JsonException ex)
        {
            document = null;
            refusal = new(null, null, ErrorCode.BadCommand,
                IsDuplicateMembers(bytes) ? CommandTeks.DuplicateMember : CommandTeks.NotJson,
                ex.Message);
            return false;
        }
        catch (InvalidOperationException ex)
        {
            // The duplicate check decodes every member name; one that is not UTF-8 (or a lone surrogate) ends up here.
            document = null;
            refusal = new(null, null, ErrorCode.BadCommand, BrokenText, ex.Message);
            return false;
        }
    }

    /// <summary>Only on the refusal path: a payload the lenient reader accepts failed on a repeated member name.</summary>
    private static bool IsDuplicateMembers(byte[] bytes)
    {
        try
        {
            using var lenient = JsonDocument.Parse(bytes, Lenient);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryRead(JsonElement root, bool validUtf8, [NotNullWhen(true)] out CounterCommandMessage? command, [NotNullWhen(false)] out CommandRefusal? refusal)
    {
        command = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            refusal = new(null, null, ErrorCode.BadCommand, CommandTeks.NotAnObject, $"root is {root.ValueKind}");
            return false;
        }

        var idText = ReadString(root, "commandId", out var idState);
        var commandId = idText is { Length: > 0 and <= CounterCommandMessage.MaxCommandIdLength } && !string.IsNullOrWhiteSpace(idText) ? idText : null;
        var typeText = ReadString(root, "type", out var typeState);
        CommandType? type = typeText is not null && Types.TryGetValue(typeText, out var known) ? known : null;

        if (idState == Member.Undecodable || typeState == Member.Undecodable)
        {
            refusal = new(commandId, type, ErrorCode.BadCommand, BrokenText,
                idState == Member.Undecodable ? "commandId is not valid UTF-8 text" : "type is not valid UTF-8 text");
            return false;
        }

        if (root.TryGetProperty("contractVersion", out var version) && version.ValueKind != JsonValueKind.Null
            && (ReadString(root, "contractVersion", out _) is not { } versionText || !ContractVersion.IsSupported(versionText)))
        {
            refusal = new(commandId, type, ErrorCode.UnsupportedVersion,
                CommandTeks.VersionUnsupported(ContractVersion.Current),
                $"contractVersion {Shorten(version.GetRawText())}");
            return false;
        }

        if (commandId is null)
        {
            refusal = new(null, type, ErrorCode.BadCommand,
                CommandTeks.CommandIdRequired(CounterCommandMessage.MaxCommandIdLength),
                "commandId missing, not a string, blank or too long");
            return false;
        }

        if (type is null)
        {
            var shown = typeText is null ? CommandTeks.Empty : $"'{Shorten(typeText)}'";
            refusal = new(commandId, null, ErrorCode.BadCommand,
                CommandTeks.UnknownType(shown, TypeNames),
                typeState == Member.Missing ? "type missing" : $"type {Shorten(root.GetProperty("type").GetRawText())}");
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
                field is null ? CommandTeks.BadShape : CommandTeks.BadField(field), ex.Message);
            return false;
        }
        catch (InvalidOperationException ex)
        {
            // Another member holds text that is not UTF-8 (or a lone surrogate); the id and type were readable.
            refusal = new(commandId, type, ErrorCode.BadCommand, BrokenText, ex.Message);
            return false;
        }

        // JSON text is UTF-8 (RFC 8259); broken bytes anywhere, even in a member the kiosk ignores, mean a broken sender.
        if (!validUtf8)
        {
            refusal = new(commandId, type, ErrorCode.BadCommand, BrokenText, "payload is not valid UTF-8");
            return false;
        }

        if (message is null)
        {
            refusal = new(commandId, type, ErrorCode.BadCommand, CommandTeks.NullCommand, "null command");
            return false;
        }

        if (message.FamilySize is < 1 or > 20)
        {
            refusal = new(commandId, type, ErrorCode.BadCommand,
                CommandTeks.FamilySize(message.FamilySize.Value), "familySize out of range");
            return false;
        }

        command = message;
        refusal = null;
        return true;
    }

    private enum Member
    {
        Missing,
        NotText,
        Text,
        Undecodable,
    }

    /// <summary>A string member's text, or null with why not; never throws on text the document holds but cannot decode.</summary>
    private static string? ReadString(JsonElement root, string name, out Member state)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            state = Member.Missing;
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            state = Member.NotText;
            return null;
        }

        try
        {
            state = Member.Text;
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            state = Member.Undecodable;
            return null;
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
