#include "desktop/people_controller.h"

#include "desktop/people_dialog.h"
#include "station/keyring.h"

namespace rudebot {

PeopleController::PeopleController(
    Keyring *keyring, const PairingInfo &station, PeopleDialog *dialog, QObject *parent)
    : QObject(parent), m_keyring(keyring), m_station(station), m_dialog(dialog)
{
    connect(m_keyring, &Keyring::changed, this, &PeopleController::refresh);
    connect(dialog, &PeopleDialog::linkRequested, this,
        [this](const QString &name, int hours, bool once) {
            QString error;
            const auto person = m_keyring->add(name, qint64(hours) * 3600, once, &error);
            if (!m_dialog)
                return;
            if (!person) {
                m_dialog->showProblem(error);
                return;
            }
            m_dialog->showLink(person->name, personalLink(m_station, *person).toUri());
        });
    connect(dialog, &PeopleDialog::revokeRequested, this, [this](const QString &name) {
        QString error;
        if (!m_keyring->revoke(name, &error) && m_dialog)
            m_dialog->showProblem(error);
        else if (m_dialog)
            m_dialog->showProblem(tr("%1's link no longer works.").arg(name));
    });
    refresh();
}

void PeopleController::refresh()
{
    if (!m_dialog)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<PersonRow> rows;
    for (const PairedPerson &p : m_keyring->people()) {
        QString terms = tr("personal");
        if (p.expires.isValid())
            terms = now >= p.expires
                ? tr("guest, expired")
                : tr("guest until %1")
                      .arg(p.expires.toLocalTime().toString(QStringLiteral("ddd HH:mm")));
        if (p.once)
            terms += p.used.isValid() ? tr(", one-time, used") : tr(", one-time");
        rows.append({p.name, p.lastSeen, terms});
    }
    m_dialog->setPeople(rows);
}

}  // namespace rudebot
