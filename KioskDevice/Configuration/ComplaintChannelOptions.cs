namespace Kiosk.Device.Configuration;

/// <summary>Where patients can complain or suggest, as the service standards require it to be published.</summary>
public sealed class ComplaintChannelOptions
{
    /// <summary>Where the suggestion box (kotak saran) stands, e.g. "Ruang tunggu"; empty when there is none.</summary>
    public string SuggestionBox { get; set; } = string.Empty;

    public string WhatsApp { get; set; } = string.Empty;

    public string Sms { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public string SocialMedia { get; set; } = string.Empty;

    /// <summary>The channels that are set, as "label: value" in Bahasa Indonesia, in print order.</summary>
    public IEnumerable<string> PrintableLines()
    {
        if (!string.IsNullOrWhiteSpace(SuggestionBox))
        {
            yield return $"Kotak saran: {SuggestionBox}";
        }

        if (!string.IsNullOrWhiteSpace(WhatsApp))
        {
            yield return $"WhatsApp: {WhatsApp}";
        }

        if (!string.IsNullOrWhiteSpace(Sms))
        {
            yield return $"SMS: {Sms}";
        }

        if (!string.IsNullOrWhiteSpace(Email))
        {
            yield return $"Email: {Email}";
        }

        if (!string.IsNullOrWhiteSpace(SocialMedia))
        {
            yield return $"Media sosial: {SocialMedia}";
        }
    }
}
