// Screen-reader support for RigDial: a Dial role with a value interface (target angle, limits,
// 1 degree step) so assistive tools can read and set the direction. Setting the value behaves
// like the user choosing it: clamped, and emitted as targetRequested.
#pragma once

namespace rudebot {

class RigDial;

// Registers the accessibility factory; safe to call any number of times.
void installRigDialAccessibility();
// Tells assistive tools that the dial's value changed (no-op when none is listening).
void notifyRigDialValueChanged(RigDial *dial);

}  // namespace rudebot
