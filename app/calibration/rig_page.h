// The base of the wizard's pages: the shared draft, the rig, and moves that continue when the
// rig arrives. A move started on a page belongs to that visit: leaving the page (Next, Back,
// Cancel) or starting another move drops its continuation, so a late arrival never acts on a
// page the user has left.
#pragma once
#include <QWizardPage>
#include <functional>

#include "calibration/calibration_draft.h"
#include "calibration/calibration_rig.h"

class QLabel;
class QLayout;

namespace rudebot {

class RigPage : public QWizardPage {
    Q_OBJECT
public:
    // The video lags behind the servo (capture, encoding, network): after an arrival the page
    // waits this long before asking the user to look at the picture.
    static constexpr int kSettleMs = 500;
    static constexpr int kArrivalTimeoutMs = 20000;

    RigPage(CalibrationDraft &draft, CalibrationRig *rig, QWidget *parent = nullptr);

    void cleanupPage() override;  // Back: drop the visit's pending moves

    // Drops pending continuations (the wizard calls it for the page being left).
    void leave();

    // Whether the camera's picture arrives (the wizard tells every page when that changes).
    // Pages that ask what the picture shows offer another way when it does not.
    void setVideoAvailable(bool available);
    bool videoAvailable() const { return m_videoAvailable; }

protected:
    // Turns the rig to servoDeg; `then` runs once it stands there and, if settle, the video has
    // caught up. Replaces any pending move of this page.
    void moveTo(double servoDeg, std::function<void()> then = {}, bool settle = false);
    bool isMoving() const { return m_pendingTarget >= 0; }
    void newVisit();  // drops everything pending; call from initializePage()

    // An inline line for problems (no message boxes): empty text hides it.
    QLabel *problemLabel() const { return m_problem; }
    void showProblem(const QString &text);
    // The rig did not arrive in kArrivalTimeoutMs (the problem is shown already): re-enable
    // whatever waited for it.
    virtual void moveFailed() { }

    virtual void videoAvailabilityChanged() { }

    // Where the camera is now, whole servo degrees, for a Mark button: "here", not where it was
    // asked to go. Pressed while it turns, the rig stops there and the jog panel shows it.
    double markHere(class JogPanel *jog);

    // The pages' common frame: the main column (3/4) beside a side column (1/4), and the
    // problem line under both.
    void layOutColumns(QLayout *main, QLayout *side);

    // A bold heading, a wrapping hint: the pages' common typography.
    static QLabel *makeHint(const QString &text, QWidget *parent);

    CalibrationDraft &m_draft;
    CalibrationRig *m_rig;

private:
    void onArrived(double servoDeg);

    QLabel *m_problem;
    double m_pendingTarget = -1;
    std::function<void()> m_then;
    bool m_settle = false;
    bool m_videoAvailable = true;
    quint64 m_visit = 0;
};

}  // namespace rudebot
