namespace Kiosk.TestSupport;

/// <summary>An npm package's install folder, or why it cannot be had on this machine (the caller skips with it).</summary>
public sealed record NpmInstall(string? Folder, string? WhyUnavailable)
{
    public static NpmInstall At(string folder) => new(folder, null);

    public static NpmInstall Unavailable(string why) => new(null, why);
}
