namespace Kiosk.Device.Tools;

/// <summary>One line of the doctor's table: what was checked, whether it passed, what was found, and how to fix it.</summary>
public sealed record DoctorCheck(string Name, DoctorOutcome Outcome, string Detail, string Fix = "")
{
    public static DoctorCheck Pass(string name, string detail) => new(name, DoctorOutcome.Pass, detail);

    public static DoctorCheck Warn(string name, string detail, string fix) => new(name, DoctorOutcome.Warn, detail, fix);

    public static DoctorCheck Fail(string name, string detail, string fix) => new(name, DoctorOutcome.Fail, detail, fix);
}
