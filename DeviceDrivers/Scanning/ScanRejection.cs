namespace Kiosk.DeviceDrivers.Scanning;

public enum ScanRejection
{
    Empty,
    TooLong,
    ControlCharacters,
    BinaryNoise,
    UnknownKey,
    IncompleteScan,
    WrongDigitCount,
    InvalidBpjsNumber,
    InvalidNik,
    UnknownFormat,
}
