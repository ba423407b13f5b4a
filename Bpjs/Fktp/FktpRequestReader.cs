using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using Kiosk.Bpjs.Text;

namespace Kiosk.Bpjs.Fktp;

/// <summary>
/// Reads what BPJS sends the FKTP service: the bodies of "ambil antrean" and "batal antrean" and the values in the
/// addresses. Total: every input gives a request or one Indonesian problem for <c>metadata.message</c>, never an
/// exception (fuzzed as <c>bpjs-fktp</c>).
/// </summary>
/// <remarks>
/// Strict where it matters: one JSON object, UTF-8, no member twice (two <c>nomorkartu</c> would let the check and the
/// booking read different cards), every known member of its type. Members it does not know are ignored, as BPJS adds
/// fields to its catalogue (the FKRTL one grew <c>jeniskunjungan</c> and <c>nomorreferensi</c>).
/// </remarks>
public static class FktpRequestReader
{
    /// <summary>The largest body read; BPJS's largest request (ambil antrean with a long keluhan) is well under 1 KiB.</summary>
    public const int MaxBodyBytes = 4096;

    public const int MaxKeluhanLength = 500;
    public const int MaxAlasanLength = 200;
    public const int MaxKodePoliLength = 10;

    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 4, AllowDuplicateProperties = false };
    private static readonly JsonDocumentOptions Lenient = new() { MaxDepth = 4 };

    public static bool TryReadAmbil(ReadOnlySpan<byte> body, [NotNullWhen(true)] out AmbilAntreanRequest? request, out string problem)
    {
        request = null;
        if (!TryParse(body, out var document, out problem))
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (!TryCard(root, out var card, out problem)
                || !TryText(root, "nik", "NIK", 16, required: true, out var nik, out problem, BpjsTeks.FktpNikRule)
                || !TryKodePoli(root, out var poli, out problem)
                || !TryDateMember(root, out var date, out problem)
                || !TryText(root, "keluhan", "Keluhan", MaxKeluhanLength, required: false, out _, out problem)
                || !TryText(root, "norm", "Nomor rekam medis", 30, required: false, out _, out problem)
                || !TryText(root, "nohp", "Nomor HP", 20, required: false, out _, out problem)
                || !TryKodeDokter(root, out problem)
                || !TryJamPraktek(root, out problem))
            {
                return false;
            }

            if (!IsDigits(nik!, 16))
            {
                problem = BpjsTeks.FktpNikRule;
                return false;
            }

            request = new AmbilAntreanRequest(card!, nik!, poli!, date);
            return true;
        }
    }

    public static bool TryReadBatal(ReadOnlySpan<byte> body, [NotNullWhen(true)] out BatalAntreanRequest? request, out string problem)
    {
        request = null;
        if (!TryParse(body, out var document, out problem))
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (!TryCard(root, out var card, out problem)
                || !TryKodePoli(root, out var poli, out problem)
                || !TryDateMember(root, out var date, out problem)
                || !TryText(root, "alasan", "Alasan", MaxAlasanLength, required: false, out var alasan, out problem))
            {
                return false;
            }

            request = new BatalAntreanRequest(card!, poli!, date, string.IsNullOrWhiteSpace(alasan) ? null : alasan.Trim());
            return true;
        }
    }

    /// <summary>A <c>tanggalperiksa</c>: exactly yyyy-MM-dd, a real day.</summary>
    public static bool TryReadDate(string? text, out DateOnly date, out string problem)
    {
        date = default;
        if (string.IsNullOrEmpty(text))
        {
            problem = BpjsTeks.FktpRequired("Tanggal periksa");
            return false;
        }

        if (text.Length != 10 || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            problem = BpjsTeks.FktpDateRule;
            return false;
        }

        problem = string.Empty;
        return true;
    }

    /// <summary>A <c>nomorkartu</c>: 13 ASCII digits.</summary>
    public static bool TryReadCard(string? text, out string problem)
    {
        if (string.IsNullOrEmpty(text))
        {
            problem = BpjsTeks.FktpRequired("Nomor kartu");
            return false;
        }

        problem = IsDigits(text, 13) ? string.Empty : BpjsTeks.FktpCardRule;
        return problem.Length == 0;
    }

    /// <summary>A <c>kodepoli</c> as BPJS spells it (1-10 letters or digits); whether the site maps it is the caller's question.</summary>
    public static bool TryReadKodePoli(string? text, out string problem)
    {
        if (string.IsNullOrEmpty(text))
        {
            problem = BpjsTeks.FktpRequired("Kode poli");
            return false;
        }

        problem = text.Length <= MaxKodePoliLength && text.All(char.IsAsciiLetterOrDigit) ? string.Empty : BpjsTeks.FktpUnknownPoli;
        return problem.Length == 0;
    }

    private static bool TryParse(ReadOnlySpan<byte> body, [NotNullWhen(true)] out JsonDocument? document, out string problem)
    {
        document = null;
        if (body.Length > MaxBodyBytes)
        {
            problem = BpjsTeks.FktpBodyTooLarge(MaxBodyBytes);
            return false;
        }

        // JSON text is UTF-8 (RFC 8259); the parser would let broken bytes through inside strings it never decodes.
        if (!Utf8.IsValid(body))
        {
            problem = BpjsTeks.FktpNotJson;
            return false;
        }

        var bytes = body.ToArray();
        try
        {
            document = JsonDocument.Parse(bytes, Strict);
        }
        catch (JsonException)
        {
            problem = IsDuplicateMembers(bytes) ? BpjsTeks.FktpDuplicateMember : BpjsTeks.FktpNotJson;
            return false;
        }
        catch (InvalidOperationException)
        {
            // A member name with an escaped lone surrogate ("\ud800"): the duplicate check decodes every name and
            // throws this, not a JsonException (found by afl, target bpjs-fktp).
            problem = BpjsTeks.FktpNotJson;
            return false;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            problem = BpjsTeks.FktpNotObject;
            document.Dispose();
            document = null;
            return false;
        }

        problem = string.Empty;
        return true;
    }

    private static bool IsDuplicateMembers(byte[] bytes)
    {
        try
        {
            using var lenient = JsonDocument.Parse(bytes, Lenient);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryCard(JsonElement root, out string? card, out string problem) =>
        TryText(root, "nomorkartu", "Nomor kartu", 13, required: true, out card, out problem, BpjsTeks.FktpCardRule) && TryReadCard(card, out problem);

    private static bool TryKodePoli(JsonElement root, out string? poli, out string problem) =>
        TryText(root, "kodepoli", "Kode poli", MaxKodePoliLength, required: true, out poli, out problem, BpjsTeks.FktpUnknownPoli) && TryReadKodePoli(poli, out problem);

    private static bool TryDateMember(JsonElement root, out DateOnly date, out string problem)
    {
        date = default;
        return TryText(root, "tanggalperiksa", "Tanggal periksa", 10, required: true, out var text, out problem, BpjsTeks.FktpDateRule)
               && TryReadDate(text, out date, out problem);
    }

    /// <summary>kodedokter: BPJS sends a number (the SIMPUS examples send a string of digits too); optional.</summary>
    private static bool TryKodeDokter(JsonElement root, out string problem)
    {
        problem = string.Empty;
        if (!root.TryGetProperty("kodedokter", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        var ok = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out var number) && number >= 0,
            JsonValueKind.String => TryGetString(value, out var text) && text.Length <= 20 && text.All(char.IsAsciiDigit),
            _ => false,
        };
        problem = ok ? string.Empty : BpjsTeks.FktpKodeDokterRule;
        return ok;
    }

    /// <summary>jampraktek: "08:00-12:00"; optional (the kiosk books a day's queue, not a doctor's hours).</summary>
    private static bool TryJamPraktek(JsonElement root, out string problem)
    {
        if (!TryText(root, "jampraktek", "Jam praktek", 11, required: false, out var text, out problem, BpjsTeks.FktpJamPraktekRule))
        {
            return false;
        }

        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var ok = text.Length == 11 && text[5] == '-'
                 && TimeOnly.TryParseExact(text.AsSpan(0, 5), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                 && TimeOnly.TryParseExact(text.AsSpan(6, 5), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
        problem = ok ? string.Empty : BpjsTeks.FktpJamPraktekRule;
        return ok;
    }

    /// <summary>A text member: absent or null is empty (refused when required), another JSON type is refused, so is a text too long.</summary>
    private static bool TryText(JsonElement root, string member, string field, int maxLength, bool required, out string? text, out string problem, string? tooLong = null)
    {
        text = null;
        if (!root.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            problem = required ? BpjsTeks.FktpRequired(field) : string.Empty;
            return !required;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problem = BpjsTeks.FktpNotText(field);
            return false;
        }

        if (!TryGetString(value, out var read))
        {
            problem = BpjsTeks.FktpNotJson;
            return false;
        }

        text = read;
        if (required && text.Length == 0)
        {
            problem = BpjsTeks.FktpRequired(field);
            return false;
        }

        if (text.Length > maxLength)
        {
            problem = tooLong ?? BpjsTeks.FktpTooLong(field, maxLength);
            return false;
        }

        problem = string.Empty;
        return true;
    }

    /// <summary>A string's text; false when its escapes do not decode (a lone surrogate).</summary>
    private static bool TryGetString(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString() ?? string.Empty;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = string.Empty;
            return false;
        }
    }

    private static bool IsDigits(string text, int length) => text.Length == length && text.All(char.IsAsciiDigit);
}
