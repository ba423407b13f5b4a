namespace Kiosk.Contract;

/// <summary>
/// The version of the message contract, carried as <c>contractVersion</c> by every JSON payload. A consumer accepts any
/// payload of its own major version and ignores fields it does not know (a minor version only adds); a payload of
/// another major version is not read (the kiosk refuses such a command with <see cref="ErrorCode.UnsupportedVersion"/>).
/// </summary>
public static class ContractVersion
{
    public const int Major = 1;

    public const int Minor = 1;

    /// <summary>"1.1": what the kiosk writes into every payload.</summary>
    public const string Current = "1.1";

    /// <summary>True for "1", "1.0", "1.7": any minor of this major version.</summary>
    public static bool IsSupported(string? version)
    {
        if (string.IsNullOrEmpty(version))
        {
            return false;
        }

        var dot = version.IndexOf('.', StringComparison.Ordinal);
        var major = dot < 0 ? version : version[..dot];
        var minor = dot < 0 ? "0" : version[(dot + 1)..];
        return major == Major.ToString(System.Globalization.CultureInfo.InvariantCulture)
            && minor.Length is > 0 and <= 4 && minor.All(char.IsAsciiDigit);
    }
}
