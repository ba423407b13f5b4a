global using Kiosk.Bench;
