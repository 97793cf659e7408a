// Test double of the ORIGINAL 2011 Rudebot firmware (../shared/seed), kept behaviour for
// behaviour so hosts can be tested against it: the sweep blocks (30 ms per degree with delay()),
// it stops one degree short of the target, an empty line is "Error: Bad input", and after every
// verdict it discards whatever arrived meanwhile (Serial.flush() did that in Arduino 0022) before
// "OK: Good to go". No boot line. Only the Servo library is replaced, by the same Timer1 output
// with the Servo library's angle mapping and its 1500 us start pulse.
#include <Arduino.h>

#include "../../../firmware/rudebot/timer1_servo.h"

#define MAX_CHAR 4

namespace {

class SeedServo {
public:
    void attach()
    {
        m_out.begin();
        m_out.writeMicroseconds(1500);  // Servo::attach() default pulse
        m_us = 1500;
    }
    void write(int angle)
    {
        m_us = map(constrain(angle, 0, 180), 0, 180, 544, 2400);
        m_out.writeMicroseconds(m_us);
    }
    int read() const { return map(m_us + 1, 544, 2400, 0, 180); }  // as Servo::read()

private:
    Timer1Servo m_out;
    int m_us = 1500;
};

SeedServo servo;
char angle[MAX_CHAR];
char *p = angle;
int alen = 0;

int myatoi(const char *s, int *value)
{
    if (s != NULL && *s != '\0' && value != NULL) {
        char *endptr = (char *)s;
        *value = (int)strtol(s, &endptr, 10);
        if (*endptr == '\0')
            return 1;
    }
    return 0;
}

} // namespace

void setup()
{
    servo.attach();
    Serial.begin(115200);
    memset(angle, '\0', MAX_CHAR);
}

void loop()
{
    if (Serial.available() > 0) {
        int c;
        while ((c = Serial.read()) >= 0) {
            if (c == '\r' || c == '\n') {
                int incr = 1;
                int newpos;
                int pos = servo.read();
                if (!myatoi(angle, &newpos)) {
                    Serial.println("Error: Bad input");
                } else if (newpos >= 0 && newpos <= 180) {
                    *p = 0;
                    Serial.println("Input angle: " + String(angle));
                    if ((newpos - pos) > 0)
                        incr = 1;
                    else if ((newpos - pos) < 0)
                        incr = -1;
                    for (int ipos = servo.read(); ipos != newpos; ipos += incr) {
                        servo.write(ipos);
                        delay(30);
                    }
                } else {
                    Serial.println("Error: Bad angle");
                }
            } else {
                if (alen == MAX_CHAR - 1) {
                    Serial.println("Error: Angle more than 3 bytes");
                } else {
                    *p++ = (char)c;
                    alen++;
                    continue;
                }
            }
            p = angle;
            memset(angle, '\0', MAX_CHAR);
            alen = 0;
            Serial.flush();  // Arduino >= 1.0 only waits for TX here; 0022 also dropped RX:
            while (Serial.available() > 0)
                Serial.read();
            Serial.println("OK: Good to go");
        }
    }
}
