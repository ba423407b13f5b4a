namespace Kiosk.DeviceDrivers.Printing.Encoding;

/// <summary>
/// Which buzzer command the printer understands. There is no common one: Epson models with a buzzer (TM-T20II/III,
/// TM-T82II/III, TM-m30) take ESC ( A fn 48; Xprinter XP-80/XP-58 series and many 80 mm clones take ESC B n t;
/// POS-58 clones usually have no buzzer. Sending the wrong one makes some clones print the parameter bytes, so the
/// default is <see cref="None"/> and the beep is then left out of the job (visible through <c>EscPosBuilder.CanBeep</c>).
/// </summary>
public enum BuzzerCommand
{
    None = 0,
    EpsonEscParenA = 1,
    XprinterEscB = 2,
}
