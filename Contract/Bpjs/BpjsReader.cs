using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using Kiosk.Contract.Json;
using Kiosk.Contract.Text;

namespace Kiosk.Contract.Bpjs;

/// <summary>
/// Reads the private channel between the BPJS bridge and the kiosk: a request for the kiosk, a reply for the bridge.
/// </summary>
/// <remarks>
/// Total, like <see cref="Commands.CommandReader"/>: every byte sequence gives a value or a refusal (a request) or
/// false (a reply), never an exception. A throw in the kiosk's message loop would stop the counters' commands too.
/// </remarks>
public static class BpjsReader
{
    private const int MaxEchoLength = 40;
    private const int MaxServiceCodeLength = 32;
    private const int JknCardNumberLength = 13;
    private const int NikLength = 16;

    /// <summary>The longest <c>reason</c> of a <c>cancel-booking</c> the kiosk keeps.</summary>
    public const int MaxReasonLength = 200;

    // A request is one flat object; two members of the same name would let the log and the answer read different ids.
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 8, AllowDuplicateProperties = false };
    private static readonly JsonDocumentOptions Lenient = new() { MaxDepth = 8 };

    private static readonly Dictionary<string, BpjsRequestType> Types = Enum.GetValues<BpjsRequestType>()
        .ToDictionary(t => JsonNamingPolicy.KebabCaseLower.ConvertName(t.ToString()), StringComparer.Ordinal);

    /// <summary>The accepted values of <c>type</c>.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = [.. Types.Keys];

    public static bool TryReadRequest(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out BpjsRequest? request, [NotNullWhen(false)] out BpjsRefusal? refusal)
    {
        request = null;
        var bytes = payload.ToArray();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, Strict);
        }
        catch (JsonException ex)
        {
            refusal = new(null, null, null, BpjsErrorCode.BadRequest, IsDuplicateMembers(bytes) ? BpjsTeks.DuplicateMember : BpjsTeks.NotJson, ex.Message);
            return false;
        }
        catch (InvalidOperationException ex)
        {
            refusal = new(null, null, null, BpjsErrorCode.BadRequest, BpjsTeks.BrokenText, ex.Message);
            return false;
        }

        using (document)
        {
            return TryRead(document.RootElement, Utf8.IsValid(bytes), out request, out refusal);
        }
    }

    /// <summary>
    /// A reply of the kiosk, as the bridge reads it; false for anything that is not one (the bridge drops it). An ok reply
    /// carries what was asked: a card, a Mobile JKN booking or a service's queue.
    /// </summary>
    public static bool TryReadReply(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out BpjsReply? reply)
    {
        try
        {
            reply = JsonSerializer.Deserialize(payload, ContractJson.StrictTypeInfo<BpjsReply>());
            if (reply is not null && ContractVersion.IsSupported(reply.ContractVersion)
                && (reply.Ok ? HasAnswer(reply) && reply.ErrorCode is null : reply.ErrorCode is not null))
            {
                return true;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException or FormatException or OverflowException or NotSupportedException)
        {
        }

        reply = null;
        return false;
    }

    /// <summary>A successful reply carries what its type asks: the card, the booking or the queue.</summary>
    private static bool HasAnswer(BpjsReply reply) => reply.Type switch
    {
        BpjsRequestType.Book or BpjsRequestType.CancelBooking or BpjsRequestType.BookingStatus => reply.Booking is not null,
        BpjsRequestType.QueueStatus => reply.Queue is not null,
        _ => reply.Card is { Number.Length: > 0 },
    };

    private static bool TryRead(JsonElement root, bool validUtf8, [NotNullWhen(true)] out BpjsRequest? request, [NotNullWhen(false)] out BpjsRefusal? refusal)
    {
        request = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            refusal = new(null, null, null, BpjsErrorCode.BadRequest, BpjsTeks.NotAnObject, $"root is {root.ValueKind}");
            return false;
        }

        var idText = ReadString(root, "requestId", out var idReadable);
        var requestId = idText is { Length: > 0 and <= BpjsRequest.MaxRequestIdLength } && !string.IsNullOrWhiteSpace(idText) ? idText : null;
        var typeText = ReadString(root, "type", out var typeReadable);
        BpjsRequestType? type = typeText is not null && Types.TryGetValue(typeText, out var known) ? known : null;
        var ticketText = ReadString(root, "ticketId", out var ticketReadable);
        Guid? ticketId = ticketText is not null && Guid.TryParseExact(ticketText, "D", out var parsed) ? parsed : null;

        // JSON text is UTF-8 (RFC 8259): broken bytes anywhere, even in a member the kiosk ignores, mean a broken sender.
        if (!idReadable || !typeReadable || !ticketReadable || !validUtf8)
        {
            refusal = new(requestId, type, ticketId, BpjsErrorCode.BadRequest, BpjsTeks.BrokenText, "text is not valid UTF-8");
            return false;
        }

        if (root.TryGetProperty("contractVersion", out var version) && version.ValueKind != JsonValueKind.Null
            && (ReadString(root, "contractVersion", out _) is not { } versionText || !ContractVersion.IsSupported(versionText)))
        {
            refusal = new(requestId, type, ticketId, BpjsErrorCode.UnsupportedVersion, BpjsTeks.VersionUnsupported(ContractVersion.Current),
                $"contractVersion {Shorten(version.GetRawText())}");
            return false;
        }

        if (requestId is null)
        {
            refusal = new(null, type, ticketId, BpjsErrorCode.BadRequest, BpjsTeks.RequestIdRequired, "requestId missing, not a string, blank or too long");
            return false;
        }

        if (type is null)
        {
            var shown = typeText is null ? CommandTeks.Empty : $"'{Shorten(typeText)}'";
            refusal = new(requestId, null, ticketId, BpjsErrorCode.BadRequest, BpjsTeks.UnknownType(shown, TypeNames), $"type {shown}");
            return false;
        }

        // card and book name a ticket; the other Mobile JKN questions find theirs by card, service and day, so their
        // ticketId may be left out (a malformed one is still refused: a broken sender).
        var ticketOptional = type is BpjsRequestType.CancelBooking or BpjsRequestType.BookingStatus or BpjsRequestType.QueueStatus;
        if (ticketOptional && ticketText is null && !root.TryGetProperty("ticketId", out _))
        {
            ticketId = Guid.Empty;
        }
        else if (ticketId is not { } given || given == Guid.Empty)
        {
            refusal = new(requestId, type, null, BpjsErrorCode.BadRequest, BpjsTeks.TicketIdRequired, "ticketId missing or not a GUID");
            return false;
        }

        var ticket = ticketId.Value;
        request = new BpjsRequest { RequestId = requestId, Type = type.Value, TicketId = ticket };
        if (type == BpjsRequestType.Card)
        {
            refusal = null;
            return true;
        }

        return TryReadBooking(root, request, out request, out refusal);
    }

    /// <summary>The Mobile JKN members: each type's required ones present and well formed, the optional ones well formed when present.</summary>
    private static bool TryReadBooking(JsonElement root, BpjsRequest read, [NotNullWhen(true)] out BpjsRequest? request, [NotNullWhen(false)] out BpjsRefusal? refusal)
    {
        request = null;
        BpjsRefusal Refuse(string message, string detail) => new(read.RequestId, read.Type, read.TicketId == Guid.Empty ? null : read.TicketId, BpjsErrorCode.BadRequest, message, detail);

        var service = ReadString(root, "serviceCode", out _);
        if (service is not { Length: > 0 and <= MaxServiceCodeLength } || !service.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            refusal = Refuse(BpjsTeks.ServiceCodeRequired, "serviceCode missing or malformed");
            return false;
        }

        if (ReadString(root, "visitDate", out _) is not { } dateText
            || !DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var visitDate))
        {
            refusal = Refuse(BpjsTeks.VisitDateRequired, "visitDate missing or not yyyy-MM-dd");
            return false;
        }

        var card = ReadString(root, "cardNumber", out _);
        var cardNeeded = read.Type != BpjsRequestType.QueueStatus;
        if ((cardNeeded || IsPresent(root, "cardNumber")) && !IsDigits(card, JknCardNumberLength))
        {
            refusal = Refuse(BpjsTeks.CardNumberRequired, "cardNumber missing or not 13 digits");
            return false;
        }

        var nik = ReadString(root, "nik", out _);
        if (IsPresent(root, "nik") && !IsDigits(nik, NikLength))
        {
            refusal = Refuse(BpjsTeks.NikInvalid, "nik not 16 digits");
            return false;
        }

        var reason = ReadString(root, "reason", out _);
        if (IsPresent(root, "reason") && reason is not { Length: <= MaxReasonLength })
        {
            refusal = Refuse(BpjsTeks.ReasonInvalid, "reason not text or too long");
            return false;
        }

        request = read with { ServiceCode = service, VisitDate = visitDate, CardNumber = card, Nik = nik, Reason = reason };
        refusal = null;
        return true;
    }

    /// <summary>Present with a value (a JSON null counts as left out).</summary>
    private static bool IsPresent(JsonElement root, string name) => root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    private static bool IsDigits(string? text, int length) => text is not null && text.Length == length && text.All(char.IsAsciiDigit);

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

    /// <summary>A string member's text, or null (missing or not text); <paramref name="readable"/> false when its text cannot be decoded.</summary>
    private static string? ReadString(JsonElement root, string name, out bool readable)
    {
        readable = true;
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            readable = false;
            return null;
        }
    }

    private static string Shorten(string text) =>
        text.Length <= MaxEchoLength ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..MaxEchoLength]}…");
}
