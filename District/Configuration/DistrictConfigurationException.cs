namespace Kiosk.District.Configuration;

/// <summary>Settings the service cannot run with: <see cref="Problems"/> are the operator's lines; the host exits 78.</summary>
public sealed class DistrictConfigurationException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    /// <summary>sysexits.h EX_CONFIG: systemd's RestartPreventExitStatus stops a restart loop on a broken config.</summary>
    public const int ExitCode = 78;

    public IReadOnlyList<string> Problems { get; } = problems;
}
