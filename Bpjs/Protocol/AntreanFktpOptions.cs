namespace Kiosk.Bpjs.Protocol;

/// <summary>Where Antrean FKTP is and who the Puskesmas is to it (from <c>/etc/kiosk/bpjs.env</c>; never logged).</summary>
public sealed record AntreanFktpOptions
{
    /// <summary>e.g. <c>https://apijkn.bpjs-kesehatan.go.id/antreanfktp/</c> (development: <c>…/antreanfktp_dev/</c>).</summary>
    public required Uri BaseUrl { get; init; }

    public required string ConsId { get; init; }

    public required string Secret { get; init; }

    public required string UserKey { get; init; }

    /// <summary>Longest wait for one answer; past it the call is a Retry.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Largest answer read; a larger one is a Retry (BPJS's answers are a few kilobytes).</summary>
    public int MaxAnswerBytes { get; init; } = 1024 * 1024;
}
