// Office view › People…: who is paired (name, last seen, guest terms), a link for a new person
// (optionally a guest link for 24 hours or for one connection), and revoking someone. Passive:
// it shows what it is given and emits what the user asks; PeopleController wires it to the
// station's Keyring.
#pragma once
#include <QDateTime>
#include <QDialog>
#include <QList>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace rudebot {

struct PersonRow {
    QString name;
    QDateTime lastSeen;  // invalid: never
    QString terms;  // "personal", "guest until …", "one-time, used"
};

class PeopleDialog : public QDialog {
    Q_OBJECT
public:
    explicit PeopleDialog(QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QCheckBox *guestBox() const { return m_guest; }
    QCheckBox *onceBox() const { return m_once; }
    QPushButton *makeLinkButton() const { return m_make; }
    QPushButton *revokeButton() const { return m_revoke; }
    QTreeWidget *peopleList() const { return m_people; }
    QLineEdit *linkEdit() const { return m_link; }
    QLabel *messageLabel() const { return m_message; }

signals:
    // guestHours 0: no end; once: for one connection.
    void linkRequested(const QString &name, int guestHours, bool once);
    void revokeRequested(const QString &name);

public slots:
    void setPeople(const QList<PersonRow> &people);
    void showLink(const QString &name, const QString &link);  // the new person's link
    void showProblem(const QString &message);

private:
    QLineEdit *m_name;
    QCheckBox *m_guest;
    QCheckBox *m_once;
    QPushButton *m_make;
    QPushButton *m_revoke;
    QTreeWidget *m_people;
    QLineEdit *m_link;
    QPushButton *m_copy;
    QLabel *m_message;
};

}  // namespace rudebot
