namespace Kiosk.Contract.District;

public enum DistrictSubjectKind
{
    Events,
    Status,
    Link,
}
