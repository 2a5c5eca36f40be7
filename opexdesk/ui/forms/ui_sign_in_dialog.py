# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sign_in_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_SignInDialog(object):
    def setupUi(self, SignInDialog):
        if not SignInDialog.objectName():
            SignInDialog.setObjectName(u"SignInDialog")
        SignInDialog.resize(520, 360)
        SignInDialog.setMinimumSize(QSize(460, 320))
        self.mainLayout = QVBoxLayout(SignInDialog)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.introLabel = QLabel(SignInDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.introLabel)

        self.fieldsLayout = QGridLayout()
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.fieldsLayout.setHorizontalSpacing(10)
        self.fieldsLayout.setVerticalSpacing(8)
        self.serverLabel = QLabel(SignInDialog)
        self.serverLabel.setObjectName(u"serverLabel")

        self.fieldsLayout.addWidget(self.serverLabel, 0, 0, 1, 1)

        self.serverEdit = QLineEdit(SignInDialog)
        self.serverEdit.setObjectName(u"serverEdit")

        self.fieldsLayout.addWidget(self.serverEdit, 0, 1, 1, 2)

        self.userLabel = QLabel(SignInDialog)
        self.userLabel.setObjectName(u"userLabel")

        self.fieldsLayout.addWidget(self.userLabel, 1, 0, 1, 1)

        self.userEdit = QLineEdit(SignInDialog)
        self.userEdit.setObjectName(u"userEdit")

        self.fieldsLayout.addWidget(self.userEdit, 1, 1, 1, 2)

        self.passwordLabel = QLabel(SignInDialog)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.fieldsLayout.addWidget(self.passwordLabel, 2, 0, 1, 1)

        self.passwordEdit = QLineEdit(SignInDialog)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.fieldsLayout.addWidget(self.passwordEdit, 2, 1, 1, 2)

        self.caCheck = QCheckBox(SignInDialog)
        self.caCheck.setObjectName(u"caCheck")

        self.fieldsLayout.addWidget(self.caCheck, 3, 1, 1, 2)

        self.caLabel = QLabel(SignInDialog)
        self.caLabel.setObjectName(u"caLabel")

        self.fieldsLayout.addWidget(self.caLabel, 4, 0, 1, 1)

        self.caEdit = QLineEdit(SignInDialog)
        self.caEdit.setObjectName(u"caEdit")
        self.caEdit.setEnabled(False)

        self.fieldsLayout.addWidget(self.caEdit, 4, 1, 1, 1)

        self.caBrowseButton = QPushButton(SignInDialog)
        self.caBrowseButton.setObjectName(u"caBrowseButton")
        self.caBrowseButton.setEnabled(False)
        self.caBrowseButton.setAutoDefault(False)

        self.fieldsLayout.addWidget(self.caBrowseButton, 4, 2, 1, 1)


        self.mainLayout.addLayout(self.fieldsLayout)

        self.noticeLabel = QLabel(SignInDialog)
        self.noticeLabel.setObjectName(u"noticeLabel")
        self.noticeLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.noticeLabel)

        self.errorLabel = QLabel(SignInDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.mainLayout.addWidget(self.errorLabel)

        self.verticalSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.busyLabel = QLabel(SignInDialog)
        self.busyLabel.setObjectName(u"busyLabel")

        self.buttonsLayout.addWidget(self.busyLabel)

        self.buttonBox = QDialogButtonBox(SignInDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.buttonsLayout.addWidget(self.buttonBox)


        self.mainLayout.addLayout(self.buttonsLayout)

#if QT_CONFIG(shortcut)
        self.serverLabel.setBuddy(self.serverEdit)
        self.userLabel.setBuddy(self.userEdit)
        self.passwordLabel.setBuddy(self.passwordEdit)
        self.caLabel.setBuddy(self.caEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.serverEdit, self.userEdit)
        QWidget.setTabOrder(self.userEdit, self.passwordEdit)
        QWidget.setTabOrder(self.passwordEdit, self.caCheck)
        QWidget.setTabOrder(self.caCheck, self.caEdit)
        QWidget.setTabOrder(self.caEdit, self.caBrowseButton)

        self.retranslateUi(SignInDialog)

        QMetaObject.connectSlotsByName(SignInDialog)
    # setupUi

    def retranslateUi(self, SignInDialog):
        SignInDialog.setWindowTitle(QCoreApplication.translate("SignInDialog", u"Sign in to the sync server", None))
        self.introLabel.setText(QCoreApplication.translate("SignInDialog", u"Sign in to share your tickets with the team. Your work stays on this computer either way.", None))
        self.serverLabel.setText(QCoreApplication.translate("SignInDialog", u"Ser&ver address", None))
        self.serverEdit.setPlaceholderText(QCoreApplication.translate("SignInDialog", u"https://desk.example.com", None))
        self.userLabel.setText(QCoreApplication.translate("SignInDialog", u"&User name", None))
        self.passwordLabel.setText(QCoreApplication.translate("SignInDialog", u"&Password", None))
        self.caCheck.setText(QCoreApplication.translate("SignInDialog", u"Use a custom &CA certificate", None))
        self.caLabel.setText(QCoreApplication.translate("SignInDialog", u"CA &file", None))
        self.caEdit.setPlaceholderText(QCoreApplication.translate("SignInDialog", u"PEM file, e.g. company-ca.pem", None))
        self.caBrowseButton.setText(QCoreApplication.translate("SignInDialog", u"&Browse\u2026", None))
        self.noticeLabel.setText(QCoreApplication.translate("SignInDialog", u"Server certificates are always checked. If your organisation runs its own certificate authority, tick the option above and choose its CA file.", None))
        self.errorLabel.setText("")
        self.busyLabel.setText(QCoreApplication.translate("SignInDialog", u"Signing in\u2026", None))
    # retranslateUi

