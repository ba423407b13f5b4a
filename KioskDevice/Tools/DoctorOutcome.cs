namespace Kiosk.Device.Tools;

public enum DoctorOutcome
{
    Pass,
    Warn,
    Fail,
}
